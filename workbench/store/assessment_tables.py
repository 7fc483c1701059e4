"""Tables for maturity assessment runs, their respondents and answers, and transformation
hypotheses linked to criteria.

Decisions:
- A run records the model id **and** version it was made with; criterion ids are only
  meaningful within that model, so they are stored as text, not as foreign keys.
- ``team_id`` NULL with ``team_name`` NULL is a run for the whole organisation. ``team_name``
  keeps the team's name at the time of the run, so a run outlives a removed team
  (``team_id`` becomes NULL, the name stays) instead of silently becoming an organisation run.
- An answer with ``respondent_id`` NULL is the coach's consolidated answer for the run.
  Databases treat NULLs in unique constraints as distinct, so for those the repository keeps
  the one-answer-per-criterion rule itself (update in place).
- ``asked`` (who was asked) is newline-separated names.
- ``revealed_at``: respondents see each other's answers only once the coach revealed them
  (so nobody anchors on the first answer given). Runs made before that rule existed count
  as revealed (the migration dates them from their creation).
- A respondent has a ``cursor`` of their own, so someone who stops part way resumes where
  they were; like the run's, it is not part of the run's content.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Column, ForeignKey, Integer, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from workbench.store.tables import Versioned, fk_column, utcnow, version_column


class AssessmentRunRow(Versioned, SQLModel, table=True):
    __tablename__ = "assessment_run"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    team_id: int | None = Field(default=None, sa_column=fk_column("team.id", "SET NULL", True))
    team_name: str | None = Field(default=None, max_length=80)
    model_id: str = Field(max_length=80)
    model_version: int
    run_date: date
    title: str = Field(default="", max_length=200)
    notes: str = Field(default="")
    status: str = Field(default="draft", max_length=20)
    cursor: str | None = Field(default=None, max_length=80)
    created_at: datetime = Field(default_factory=utcnow)
    # when the coach showed the respondents' answers (None: hidden from respondents)
    revealed_at: datetime | None = Field(default=None)


class AssessmentRespondentRow(SQLModel, table=True):
    __tablename__ = "assessment_respondent"

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(sa_column=fk_column("assessment_run.id", "CASCADE"))
    name: str | None = Field(default=None, max_length=80)  # None = anonymous
    label: str = Field(max_length=80)  # name, or "anonymous N"
    source: str = Field(default="", max_length=200)  # e.g. the imported file's name
    created_at: datetime = Field(default_factory=utcnow)
    cursor: str | None = Field(default=None, max_length=80)  # where their walk resumes


class AssessmentAnswerRow(Versioned, SQLModel, table=True):
    __tablename__ = "assessment_answer"
    __table_args__ = (
        UniqueConstraint("run_id", "respondent_id", "criterion_id",
                         name="uq_assessment_answer_run_respondent_criterion"),
    )

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    run_id: int = Field(sa_column=fk_column("assessment_run.id", "CASCADE"))
    respondent_id: int | None = Field(
        default=None, sa_column=fk_column("assessment_respondent.id", "CASCADE", True)
    )
    criterion_id: str = Field(max_length=80)
    level: int | None = Field(default=None)
    note: str = Field(default="")
    evidence: str = Field(default="")
    asked: str = Field(default="")
    updated_at: datetime = Field(default_factory=utcnow)


class HypothesisRow(Versioned, SQLModel, table=True):
    __tablename__ = "hypothesis"

    id: int | None = Field(default=None, primary_key=True)
    version: int = Field(default=1, sa_column=version_column())
    workspace_id: int = Field(sa_column=fk_column("workspace.id", "CASCADE"))
    team_id: int | None = Field(default=None, sa_column=fk_column("team.id", "SET NULL", True))
    model_id: str = Field(max_length=80)
    stakeholder_group: str = Field(max_length=120)
    capability: str = Field(default="")
    outcome: str = Field(default="")
    signal: str = Field(default="")
    review_date: date | None = Field(default=None)
    status: str = Field(default="open", max_length=20)
    evidence: str = Field(default="")
    created_at: datetime = Field(default_factory=utcnow)


class HypothesisCriterionRow(SQLModel, table=True):
    __tablename__ = "hypothesis_criterion"

    hypothesis_id: int = Field(
        sa_column=Column(
            Integer, ForeignKey("hypothesis.id", ondelete="CASCADE"), primary_key=True
        )
    )
    criterion_id: str = Field(sa_column=Column(String(80), primary_key=True))
