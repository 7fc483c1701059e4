"""Maturity assessment: models, scoring, respondents, comparisons, hypotheses, blanks.

Pure domain code: no file or database access and no Textual. Model files are read by
``workbench.store.model_files``.
"""

from workbench.domain.maturity.blank import (
    Answer,
    FilledAssessment,
    parse_filled_blank,
    render_blank,
)
from workbench.domain.maturity.compare import (
    Comparison,
    CriterionDelta,
    DimensionDelta,
    Direction,
    compare_scores,
)
from workbench.domain.maturity.formatting import delta_text, percent_text, score_text
from workbench.domain.maturity.hypotheses import Hypothesis, HypothesisStatus
from workbench.domain.maturity.model import (
    AssessmentModel,
    Criterion,
    Dimension,
    LevelDef,
    Typology,
    parse_model,
)
from workbench.domain.maturity.problems import AssessmentError, Problem
from workbench.domain.maturity.respondents import (
    DISAGREEMENT_SPREAD,
    Aggregation,
    CriterionAggregate,
    Response,
    aggregate_responses,
    lower_median,
)
from workbench.domain.maturity.scoring import (
    AssessmentRun,
    CriterionResult,
    CriterionScore,
    DimensionScore,
    RunScore,
    add_months,
    display,
    nearest_level,
    next_reassessment,
    score_levels,
    score_run,
    typology_label,
)

__all__ = [
    "DISAGREEMENT_SPREAD",
    "Aggregation",
    "Answer",
    "AssessmentError",
    "AssessmentModel",
    "AssessmentRun",
    "Comparison",
    "Criterion",
    "CriterionAggregate",
    "CriterionDelta",
    "CriterionResult",
    "CriterionScore",
    "Dimension",
    "DimensionDelta",
    "DimensionScore",
    "Direction",
    "FilledAssessment",
    "Hypothesis",
    "HypothesisStatus",
    "LevelDef",
    "Problem",
    "Response",
    "RunScore",
    "Typology",
    "add_months",
    "aggregate_responses",
    "compare_scores",
    "delta_text",
    "display",
    "lower_median",
    "nearest_level",
    "next_reassessment",
    "parse_filled_blank",
    "parse_model",
    "percent_text",
    "render_blank",
    "score_levels",
    "score_run",
    "score_text",
    "typology_label",
]
