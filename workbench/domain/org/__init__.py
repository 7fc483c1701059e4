"""The organisation: the "who builds it, who runs it?" decision, SRE sizing, the SRE role."""

from workbench.domain.org.decision import (
    DEFAULT_DECISION_PARTIES,
    DecisionError,
    DecisionProblems,
    OrgDecision,
    Score,
    Sizing,
    check_decision,
    decision_values,
    development_teams,
    make_decision,
    read_decision,
    sizing,
    sre_teams_needed,
)
from workbench.domain.org.models import (
    BOOK_RATINGS,
    CRITERION_NOTES,
    CRITERION_SHORT,
    CRITERION_TITLES,
    HYBRIDS,
    MODEL_SHORT,
    MODEL_SUMMARIES,
    MODEL_TITLES,
    SPECTRUM,
    Criterion,
    OrgModel,
    book_rating,
)
from workbench.domain.org.role import (
    DEFAULT_ROLE_PARTIES,
    STARTER_RESPONSIBILITIES,
    STARTER_SKILLS,
    RoleError,
    RoleProblems,
    SreRole,
    make_role,
    read_role,
    role_values,
    starter_role,
)

__all__ = [
    "BOOK_RATINGS", "CRITERION_NOTES", "CRITERION_SHORT", "CRITERION_TITLES",
    "DEFAULT_DECISION_PARTIES", "DEFAULT_ROLE_PARTIES", "HYBRIDS", "MODEL_SHORT",
    "MODEL_SUMMARIES", "MODEL_TITLES", "SPECTRUM", "STARTER_RESPONSIBILITIES",
    "STARTER_SKILLS", "Criterion", "DecisionError", "DecisionProblems", "OrgDecision",
    "OrgModel", "RoleError", "RoleProblems", "Score", "Sizing", "SreRole", "book_rating",
    "check_decision", "decision_values", "development_teams", "make_decision", "make_role",
    "read_decision", "read_role", "role_values", "sizing", "sre_teams_needed", "starter_role",
]
