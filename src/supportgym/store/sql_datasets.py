"""The store's datasets (imported logs) and their analyses, on SQLAlchemy."""

from __future__ import annotations

from typing import Unpack

from sqlalchemy import select
from typing_extensions import override

from supportgym.store import validation as check
from supportgym.store.base import AnalysisChanges, NewAnalysis, NewDataset
from supportgym.store.entities import Analysis, Dataset, EvaluationStatus
from supportgym.store.orm import AnalysisRow, DatasetRow
from supportgym.store.units import UnitsOfWork, locked, now, page


class DatasetTables(UnitsOfWork):
    """Datasets and analyses."""

    @override
    def create_dataset(self, **fields: Unpack[NewDataset]) -> Dataset:
        values = check.converted(
            fields, check.DATASET_FIELDS, "new dataset", NewDataset.__required_keys__
        )
        with self.session(write=True) as session:
            taken = select(DatasetRow.id).where(DatasetRow.name == values["name"])
            if session.scalar(taken) is not None:
                raise ValueError(f"a dataset named {values['name']} exists already")
            row = DatasetRow(**values, created_at=now())
            session.add(row)
            session.flush()
            return row.to_entity()

    @override
    def get_dataset(self, dataset_id: int) -> Dataset | None:
        return self._entity(DatasetRow, dataset_id)

    @override
    def find_dataset(self, name: str) -> Dataset | None:
        found = self._entities(select(DatasetRow).where(DatasetRow.name == name))
        return found[0] if found else None

    @override
    def find_dataset_by_hash(self, content_hash: str) -> Dataset | None:
        query = select(DatasetRow).where(DatasetRow.content_hash == content_hash)
        found = self._entities(query.order_by(DatasetRow.id).limit(1))
        return found[0] if found else None

    @override
    def list_datasets(self, limit: int = 100, offset: int = 0) -> list[Dataset]:
        return self._entities(
            page(select(DatasetRow).order_by(DatasetRow.id.desc()), limit, offset)
        )

    @override
    def delete_dataset(self, dataset_id: int) -> bool:
        with self.session(write=True) as session:
            row = session.get(DatasetRow, dataset_id)
            if row is None:
                return False
            session.delete(row)  # analyses go by ON DELETE CASCADE
        return True

    # Analyses

    @override
    def create_analysis(self, **fields: Unpack[NewAnalysis]) -> Analysis:
        values = check.converted(
            fields, check.ANALYSIS_FIELDS, "new analysis", NewAnalysis.__required_keys__
        )
        with self.session(write=True) as session:
            locked(session, DatasetRow, values["dataset_id"], "dataset")
            defaults = {"status": EvaluationStatus.PENDING, "results": {}}
            row = AnalysisRow(**{**defaults, **values, "created_at": now()})
            session.add(row)
            session.flush()
            return row.to_entity()

    @override
    def get_analysis(self, analysis_id: int) -> Analysis | None:
        return self._entity(AnalysisRow, analysis_id)

    @override
    def list_analyses(
        self, dataset_id: int | None = None, limit: int = 100, offset: int = 0
    ) -> list[Analysis]:
        query = page(select(AnalysisRow).order_by(AnalysisRow.id.desc()), limit, offset)
        if dataset_id is not None:
            query = query.where(AnalysisRow.dataset_id == dataset_id)
        return self._entities(query)

    @override
    def update_analysis(self, analysis_id: int, **changes: Unpack[AnalysisChanges]) -> Analysis:
        values = check.converted(
            changes,
            {k: check.ANALYSIS_FIELDS[k] for k in AnalysisChanges.__annotations__},
            "analysis",
        )
        with self.session(write=True) as session:
            row = locked(session, AnalysisRow, analysis_id, "analysis")
            for name, value in values.items():
                setattr(row, name, value)
            return row.to_entity()
