"""One router per resource; the jobs part adds runs, evaluations and models here."""

from supportgym.server.routes import envs, evaluations, health, runs, scenarios

ROUTERS = (health.router, scenarios.router, envs.router, runs.router, evaluations.router)

__all__ = ["ROUTERS"]
