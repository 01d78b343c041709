"""Deployments of trained models, the decisions they serve and the outcomes reported back.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create ``deployments``, ``decisions`` and ``contact_outcomes``."""
    op.create_table(
        "deployments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("threshold", sa.Float(), nullable=False),
        sa.Column("algorithm", sa.String(50), nullable=False),
        sa.Column("scenario", sa.String(100), nullable=False),
        sa.Column("scenario_version", sa.String(64), nullable=False),
        sa.Column("model_path", sa.Text(), nullable=True),
        sa.Column("ranges", sa.JSON(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name="fk_deployments_run_id_runs", ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_deployments"),
        sa.UniqueConstraint("name", "version", name="uq_deployments_name_version"),
    )
    op.create_index("ix_deployments_name", "deployments", ["name"])
    op.create_index("ix_deployments_run_id", "deployments", ["run_id"])
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("deployment_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("contact_id", sa.String(128), nullable=True),
        sa.Column("turn", sa.Integer(), nullable=True),
        sa.Column("features", sa.JSON(), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("model_action", sa.String(40), nullable=False),
        sa.Column("probabilities", sa.JSON(), nullable=False),
        sa.Column("fallback", sa.Text(), nullable=True),
        sa.Column("rule", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["deployment_id"],
            ["deployments.id"],
            name="fk_decisions_deployment_id_deployments",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_decisions"),
    )
    op.create_index("ix_decisions_deployment_id", "decisions", ["deployment_id"])
    op.create_index("ix_decisions_contact_id", "decisions", ["contact_id"])
    op.create_table(
        "contact_outcomes",
        sa.Column("deployment", sa.String(100), nullable=False),
        sa.Column("contact_id", sa.String(128), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("outcome", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("deployment", "contact_id", name="pk_contact_outcomes"),
    )


def downgrade() -> None:
    """Drop the three tables."""
    op.drop_table("contact_outcomes")
    op.drop_index("ix_decisions_contact_id", table_name="decisions")
    op.drop_index("ix_decisions_deployment_id", table_name="decisions")
    op.drop_table("decisions")
    op.drop_index("ix_deployments_run_id", table_name="deployments")
    op.drop_index("ix_deployments_name", table_name="deployments")
    op.drop_table("deployments")
