"""Transformation hypotheses."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from workbench.domain.maturity import Hypothesis, HypothesisStatus, parse_model

BASE = {
    "stakeholder_group": "Product owners",
    "capability": "agreed SLOs and error budget policies",
    "outcome": "fewer customer escalations",
    "signal": "escalations in six months drop by half",
}


def test_defaults_and_statement():
    h = Hypothesis(**BASE)
    assert h.status is HypothesisStatus.OPEN
    assert h.criterion_ids == [] and h.review_date is None and h.evidence == ""
    assert h.statement() == (
        "We believe agreed SLOs and error budget policies will result in fewer customer "
        "escalations. We know we succeeded when escalations in six months drop by half."
    )


def test_unknown_keys_and_empty_fields_are_rejected():
    with pytest.raises(ValidationError):
        Hypothesis(**BASE, owner="x")
    with pytest.raises(ValidationError):
        Hypothesis(**{**BASE, "signal": "  "})
    with pytest.raises(ValidationError):
        Hypothesis(**BASE, status="maybe")


def test_verdict_needs_evidence():
    with pytest.raises(ValidationError, match="a confirmed hypothesis needs evidence"):
        Hypothesis(**BASE, status="confirmed")
    h = Hypothesis(**BASE, status="refuted", evidence="escalations rose 10%")
    assert h.status is HypothesisStatus.REFUTED
    assert Hypothesis(**BASE, status="dropped").status is HypothesisStatus.DROPPED


def test_review_due_and_linked_criteria():
    model = parse_model({
        "id": "m", "version": 1, "title": "M",
        "levels": [{"level": 0, "name": "a"}, {"level": 1, "name": "b"}],
        "dimensions": [{"id": "d", "name": "D", "criteria": [
            {"id": "c1", "name": "C", "levels": {0: "x", 1: "y"}}]}],
    })
    h = Hypothesis(**BASE, criterion_ids=["c1", "c9"], review_date=date(2026, 6, 1))
    assert h.unknown_criteria(model) == ["c9"]
    assert not h.is_due(date(2026, 5, 31))
    assert h.is_due(date(2026, 6, 1))
    closed = h.model_copy(update={"status": HypothesisStatus.DROPPED})
    assert not closed.is_due(date(2027, 1, 1))
