"""One router per resource."""

from supportgym.server.routes import envs, evaluations, health, models, runs, scenarios

ROUTERS = (
    health.router,
    scenarios.router,
    envs.router,
    runs.router,
    evaluations.router,
    models.router,
)

__all__ = ["ROUTERS"]
