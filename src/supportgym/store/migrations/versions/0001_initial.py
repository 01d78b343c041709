"""Initial schema: scenarios, runs, metrics, evaluations, transcripts.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the five tables."""
    op.create_table(
        "scenarios",
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("industry", sa.String(20), nullable=False),
        sa.Column("definition", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("version", name="pk_scenarios"),
    )
    op.create_index("ix_scenarios_name", "scenarios", ["name"])

    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("algorithm", sa.String(50), nullable=False),
        sa.Column("scenario", sa.String(100), nullable=False),
        sa.Column("scenario_version", sa.String(64), nullable=False),
        sa.Column("difficulty", sa.Float(), nullable=False),
        sa.Column("hyperparameters", sa.JSON(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("n_envs", sa.Integer(), nullable=False),
        sa.Column("total_timesteps", sa.BigInteger(), nullable=False),
        sa.Column("curriculum", sa.Boolean(), nullable=False),
        sa.Column("package_version", sa.String(50), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("timesteps_done", sa.BigInteger(), nullable=False),
        sa.Column("model_path", sa.Text(), nullable=True),
        sa.Column("checkpoint_dir", sa.Text(), nullable=True),
        sa.Column("tensorboard_dir", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("pid", sa.Integer(), nullable=True),
        sa.Column("hostname", sa.String(255), nullable=True),
        sa.Column("parent_run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["parent_run_id"],
            ["runs.id"],
            name="fk_runs_parent_run_id_runs",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_index("ix_runs_scenario_version", "runs", ["scenario_version"])
    op.create_index("ix_runs_status", "runs", ["status"])
    op.create_index("ix_runs_parent_run_id", "runs", ["parent_run_id"])

    op.create_table(
        "metrics",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.BigInteger(), nullable=False),
        sa.Column("wall_time", sa.Float(), nullable=False),
        sa.Column("values", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name="fk_metrics_run_id_runs", ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("run_id", "step", name="pk_metrics"),
    )

    op.create_table(
        "evaluations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("policies", sa.JSON(), nullable=False),
        sa.Column("scenarios", sa.JSON(), nullable=False),
        sa.Column("scenario_versions", sa.JSON(), nullable=False),
        sa.Column("episodes", sa.Integer(), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("results", sa.JSON(), nullable=False),
        sa.Column("report_path", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_evaluations"),
    )

    op.create_table(
        "transcripts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("scenario", sa.String(100), nullable=False),
        sa.Column("scenario_version", sa.String(64), nullable=False),
        sa.Column("seed", sa.BigInteger(), nullable=False),
        sa.Column("policy", sa.String(200), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("evaluation_id", sa.Integer(), nullable=True),
        sa.Column("turns", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name="fk_transcripts_run_id_runs", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["evaluation_id"],
            ["evaluations.id"],
            name="fk_transcripts_evaluation_id_evaluations",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_transcripts"),
    )
    op.create_index("ix_transcripts_run_id", "transcripts", ["run_id"])
    op.create_index("ix_transcripts_evaluation_id", "transcripts", ["evaluation_id"])


def downgrade() -> None:
    """Drop the five tables."""
    for table in ("transcripts", "evaluations", "metrics", "runs", "scenarios"):
        op.drop_table(table)
