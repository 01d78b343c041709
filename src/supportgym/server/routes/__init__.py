"""One router per resource."""

from supportgym.server.routes import (
    analyses,
    datasets,
    envs,
    evaluations,
    health,
    models,
    runs,
    scenarios,
)

ROUTERS = (
    health.router,
    scenarios.router,
    envs.router,
    runs.router,
    evaluations.router,
    models.router,
    datasets.router,
    analyses.router,
)

__all__ = ["ROUTERS"]
