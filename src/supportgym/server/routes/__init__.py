"""One router per resource."""

from supportgym.server.routes import (
    analyses,
    datasets,
    deployments,
    envs,
    evaluations,
    explanations,
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
    explanations.router,
    deployments.router,
)

__all__ = ["ROUTERS"]
