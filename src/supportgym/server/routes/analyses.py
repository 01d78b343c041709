"""``/api/analyses``: one calibration or off-policy evaluation, with its results."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from supportgym.server.deps import StoreDep
from supportgym.server.errors import NotFound
from supportgym.server.schemas import error_responses
from supportgym.server.schemas.datasets import AnalysisPublic

router = APIRouter(prefix="/analyses", tags=["analyses"])


@router.get("/{analysis_id}", response_model=AnalysisPublic, responses=error_responses(404, 422))
def read_analysis(
    analysis_id: Annotated[int, Path(ge=1, le=2**62)], store: StoreDep
) -> AnalysisPublic:
    """One analysis: ``pending`` → ``running`` → ``completed`` with results, or ``failed``."""
    analysis = store.get_analysis(analysis_id)
    if analysis is None:
        raise NotFound(f"analysis {analysis_id} not found")
    return AnalysisPublic.of(analysis)
