"""The stakeholder chart (the book's chapter 5, section 5.4.1): people placed by formal power
and interest in SRE, the engagement plan per quadrant, warnings, the buy-in funnel and the
comparison of two revisions. Pure rules; the store keeps the chart as one document with the
shared lifecycle."""

from workbench.domain.stakeholders.compare import (
    ChartComparison,
    QuadrantMove,
    Rename,
    StageMove,
    StanceChange,
    compare,
)
from workbench.domain.stakeholders.model import (
    FIELDS,
    GRID,
    LIST_ORDER,
    MAX_STAKEHOLDERS,
    SORT_KEYS,
    Chart,
    Group,
    Level,
    Quadrant,
    Stage,
    Stakeholder,
    StakeholderError,
    Stance,
    check_people,
    make_stakeholder,
    quadrant_of,
    sorted_people,
    stakeholder_problems,
    stakeholder_values,
)
from workbench.domain.stakeholders.plan import (
    DEFAULT_PLAN,
    ContactPlan,
    EngagementPlan,
    Overdue,
    contact_due,
    default_plan,
    make_contact,
    make_plan,
    overdue,
    plan_problems,
)
from workbench.domain.stakeholders.review import (
    ChartWarning,
    Funnel,
    FunnelStep,
    funnel,
    is_head,
    warnings,
)
from workbench.domain.stakeholders.snapshot import chart_from_snapshot, chart_snapshot

__all__ = [
    "DEFAULT_PLAN", "FIELDS", "GRID", "LIST_ORDER", "MAX_STAKEHOLDERS", "SORT_KEYS", "Chart",
    "ChartComparison", "ChartWarning", "ContactPlan", "EngagementPlan", "Funnel", "FunnelStep",
    "Group", "Level", "Overdue", "Quadrant", "QuadrantMove", "Rename", "Stage", "StageMove",
    "Stakeholder", "StakeholderError", "Stance", "StanceChange", "chart_from_snapshot",
    "chart_snapshot", "check_people", "compare", "contact_due", "default_plan", "funnel",
    "is_head", "make_contact", "make_plan", "make_stakeholder", "overdue", "plan_problems",
    "quadrant_of", "sorted_people", "stakeholder_problems", "stakeholder_values", "warnings",
]
