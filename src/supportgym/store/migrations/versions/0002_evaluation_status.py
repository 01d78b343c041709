"""Evaluations get a status and an error message.

Existing evaluations with results become ``completed``; those without, or whose results
hold only an error, become ``failed`` (with that error).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_evaluations = sa.table(
    "evaluations",
    sa.column("id", sa.Integer()),
    sa.column("status", sa.String(20)),
    sa.column("results", sa.JSON()),
    sa.column("error", sa.Text()),
)


def upgrade() -> None:
    """Add ``status`` and ``error``, filled in from the results."""
    with op.batch_alter_table("evaluations") as batch:
        batch.add_column(
            sa.Column("status", sa.String(20), nullable=False, server_default="failed")
        )
        batch.add_column(sa.Column("error", sa.Text(), nullable=True))
    connection = op.get_bind()
    for row_id, results in connection.execute(sa.select(_evaluations.c.id, _evaluations.c.results)):
        if results and "summaries" in results:
            values = {"status": "completed"}
        else:
            reason = (results or {}).get("error", "the evaluation did not finish")
            values = {"status": "failed", "results": {}, "error": str(reason)}
        connection.execute(
            _evaluations.update().where(_evaluations.c.id == row_id).values(**values)
        )
    with op.batch_alter_table("evaluations") as batch:
        batch.alter_column("status", server_default=None)


def downgrade() -> None:
    """Drop ``status`` and ``error`` (a failed evaluation's error moves back into its results)."""
    connection = op.get_bind()
    failed = sa.select(_evaluations.c.id, _evaluations.c.error).where(
        _evaluations.c.status == "failed"
    )
    for row_id, error in connection.execute(failed):
        connection.execute(
            _evaluations.update()
            .where(_evaluations.c.id == row_id)
            .values(results={"error": error or "failed"})
        )
    with op.batch_alter_table("evaluations") as batch:
        batch.drop_column("error")
        batch.drop_column("status")
