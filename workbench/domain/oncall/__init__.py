"""The on-call setup agreement: model, reading plain values, the out-of-hours decision rule,
checks against the workspace; ``schedule`` and ``fairness`` generate and weigh the turns."""

from workbench.domain.oncall.check import canonical_names, check_agreement
from workbench.domain.oncall.decision import (
    Recommendation,
    follows_rule,
    recommend,
    recommend_for,
)
from workbench.domain.oncall.model import (
    DEFAULT_ONCALL_PARTIES,
    INCIDENT_ROLES,
    PART_TITLES,
    PARTS,
    ROLE_TITLES,
    ROLES,
    WEEKDAY_TITLES,
    WEEKDAYS,
    Agreement,
    Coverage,
    Decision,
    Demand,
    Escalation,
    Level,
    LevelKind,
    OutOfHours,
    Override,
    Priority,
    Ring,
    Rotation,
    Rules,
    Severity,
    Shape,
    Unavailable,
    Window,
)
from workbench.domain.oncall.reading import (
    AgreementProblems,
    OnCallValueError,
    agreement_values,
    make_agreement,
    missing_parts,
    read_agreement,
    read_rules,
    rotation_values,
    rules_values,
    time_text,
)

__all__ = [
    "DEFAULT_ONCALL_PARTIES", "INCIDENT_ROLES", "PARTS", "PART_TITLES", "ROLES", "ROLE_TITLES",
    "WEEKDAYS", "WEEKDAY_TITLES", "Agreement", "AgreementProblems", "Coverage", "Decision",
    "Demand", "Escalation", "Level", "LevelKind", "OnCallValueError", "OutOfHours",
    "Override", "Priority", "Recommendation", "Ring", "Rotation", "Rules", "Severity",
    "Shape", "Unavailable", "Window", "agreement_values", "canonical_names",
    "check_agreement", "follows_rule", "make_agreement", "missing_parts", "read_agreement",
    "read_rules", "recommend", "recommend_for", "rotation_values", "rules_values",
    "time_text",
]
