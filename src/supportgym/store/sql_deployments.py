"""The store's deployments, the decisions they serve and the outcomes reported back."""

from __future__ import annotations

from typing import Any, Unpack

from sqlalchemy import func, select
from typing_extensions import override

from supportgym.store import validation as check
from supportgym.store.base import DeploymentChanges, NewDecision, NewDeployment
from supportgym.store.entities import ContactOutcome, Decision, Deployment, EvaluationStatus
from supportgym.store.orm import ContactOutcomeRow, DecisionRow, DeploymentRow, RunRow
from supportgym.store.units import UnitsOfWork, locked, now, page


class DeploymentTables(UnitsOfWork):
    """Deployments, decisions and contact outcomes."""

    @override
    def create_deployment(self, **fields: Unpack[NewDeployment]) -> Deployment:
        values = check.converted(
            fields, check.DEPLOYMENT_FIELDS, "new deployment", NewDeployment.__required_keys__
        )
        with self.session(write=True) as session:
            locked(session, RunRow, values["run_id"], "run")
            last = select(func.max(DeploymentRow.version)).where(
                DeploymentRow.name == values["name"]
            )
            version = (session.scalar(last) or 0) + 1
            row = DeploymentRow(
                **values,
                version=version,
                created_at=now(),
                status=EvaluationStatus.PENDING,
                active=False,
                ranges={},
                rules={},
            )
            session.add(row)
            session.flush()
            return row.to_entity()

    @override
    def update_deployment(
        self, deployment_id: int, **changes: Unpack[DeploymentChanges]
    ) -> Deployment:
        allowed = {k: check.DEPLOYMENT_FIELDS[k] for k in DeploymentChanges.__annotations__}
        values = check.converted(changes, allowed, "deployment")
        with self.session(write=True) as session:
            row = locked(session, DeploymentRow, deployment_id, "deployment")
            for name, value in values.items():
                setattr(row, name, value)
            return row.to_entity()

    @override
    def complete_deployment(
        self, deployment_id: int, **changes: Unpack[DeploymentChanges]
    ) -> Deployment:
        allowed = {k: check.DEPLOYMENT_FIELDS[k] for k in DeploymentChanges.__annotations__}
        values = check.converted(changes, allowed, "deployment")
        with self.session(write=True) as session:
            chosen = locked(session, DeploymentRow, deployment_id, "deployment")
            query = select(DeploymentRow).where(DeploymentRow.name == chosen.name)
            for row in session.scalars(query.with_for_update()):
                row.active = row.id == chosen.id
            for name, value in values.items():
                setattr(chosen, name, value)
            chosen.status = EvaluationStatus.COMPLETED
            return chosen.to_entity()

    @override
    def activate_deployment(self, name: str, version: int) -> Deployment:
        with self.session(write=True) as session:
            query = select(DeploymentRow).where(DeploymentRow.name == name)
            rows = list(session.scalars(query.with_for_update()))
            chosen = next((r for r in rows if r.version == version), None)
            if chosen is None:
                raise ValueError(f"deployment {name} v{version} not found")
            if chosen.status != EvaluationStatus.COMPLETED:
                raise ValueError(f"deployment {name} v{version} is {chosen.status}, not ready")
            for row in rows:
                row.active = row.version == version
            return chosen.to_entity()

    @override
    def get_deployment(self, deployment_id: int) -> Deployment | None:
        return self._entity(DeploymentRow, deployment_id)

    @override
    def find_deployment(self, name: str, version: int | None = None) -> Deployment | None:
        query = select(DeploymentRow).where(DeploymentRow.name == name)
        if version is None:
            query = query.where(DeploymentRow.active.is_(True))
        else:
            query = query.where(DeploymentRow.version == version)
        found = self._entities(query)
        return found[0] if found else None

    @override
    def list_deployments(self, name: str | None = None) -> list[Deployment]:
        query = select(DeploymentRow).order_by(DeploymentRow.name, DeploymentRow.version.desc())
        if name is not None:
            query = query.where(DeploymentRow.name == name)
        return self._entities(query)

    # Decisions

    @override
    def add_decisions(self, decisions: list[NewDecision]) -> list[Decision]:
        rows = [
            DecisionRow(
                **check.converted(
                    d, check.DECISION_FIELDS, "decision", NewDecision.__required_keys__
                ),
                created_at=now(),
            )
            for d in decisions
        ]
        with self.session(write=True) as session:
            for deployment_id in {row.deployment_id for row in rows}:
                locked(session, DeploymentRow, deployment_id, "deployment")
            session.add_all(rows)
            session.flush()
            return [row.to_entity() for row in rows]

    @override
    def list_decisions(self, name: str, limit: int = 100, offset: int = 0) -> list[Decision]:
        versions = select(DeploymentRow.id).where(DeploymentRow.name == name)
        query = select(DecisionRow).where(DecisionRow.deployment_id.in_(versions))
        return self._entities(page(query.order_by(DecisionRow.id.desc()), limit, offset))

    @override
    def record_outcome(self, name: str, contact_id: str, outcome: dict[str, Any]) -> ContactOutcome:
        name, contact_id = check.text("deployment", name), check.text("contact_id", contact_id)
        outcome = check.json_of(dict)("outcome", outcome)
        with self.session(write=True) as session:
            row = session.get(ContactOutcomeRow, (name, contact_id), with_for_update=True)
            if row is None:
                row = ContactOutcomeRow(deployment=name, contact_id=contact_id)
                session.add(row)
            row.created_at, row.outcome = now(), outcome
            session.flush()
            return row.to_entity()

    @override
    def list_outcomes(self, name: str) -> list[ContactOutcome]:
        query = select(ContactOutcomeRow).where(ContactOutcomeRow.deployment == name)
        return self._entities(query.order_by(ContactOutcomeRow.created_at))
