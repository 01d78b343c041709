"""One router per resource; the jobs part adds runs, evaluations and models here."""

from supportgym.server.routes import envs, health, scenarios

ROUTERS = (health.router, scenarios.router, envs.router)

__all__ = ["ROUTERS"]
