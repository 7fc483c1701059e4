"""Blank self-assessment files: rendering and validating a filled one."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from workbench.domain.maturity import (
    AssessmentError,
    parse_filled_blank,
    parse_model,
    render_blank,
)


def make_model(version: int = 1):
    return parse_model({
        "id": "m", "version": version, "title": "Mini: model",
        "levels": [{"level": 0, "name": "regressive"}, {"level": 1, "name": "beginner"},
                   {"level": 2, "name": "advanced"}],
        "dimensions": [
            {"id": "org", "name": "Organisation", "questions": ["Who owns production?"],
             "criteria": [
                 {"id": "org-structure", "name": "Structure",
                  "levels": {0: "Siloed", 1: "Collaborating", 2: "Cross-functional"}},
                 {"id": "org-lead", "name": "Leadership \"formal\"",
                  "levels": {0: "Unaware", 1: "Some support", 2: "Full support"}},
             ]},
        ],
    })


MODEL = make_model()


def blank(**kw) -> str:
    return render_blank(MODEL, kw.pop("team", "Checkout: web"), date(2026, 11, 25), **kw)


def test_blank_is_valid_yaml_with_every_criterion_unfilled():
    text = blank()
    data = yaml.safe_load(text)
    assert data["model"] == "m" and data["model_version"] == 1
    assert data["team"] == "Checkout: web"
    assert data["respondent"] == ""
    assert data["date"] == date(2026, 11, 25)
    assert data["criteria"] == [
        {"id": "org-structure", "name": "Structure", "level": None, "note": "", "evidence": ""},
        {"id": "org-lead", "name": 'Leadership "formal"', "level": None, "note": "",
         "evidence": ""},
    ]
    assert "    # 0 regressive: Siloed\n" in text
    assert "    # 2 advanced: Cross-functional\n" in text
    assert "  # ? Who owns production?\n" in text
    assert "# Levels: 0 regressive, 1 beginner, 2 advanced\n" in text


def test_unfilled_blank_parses_as_all_unassessed():
    filled = parse_filled_blank(blank(respondent="Asha"), [MODEL])
    assert (filled.model_id, filled.model_version, filled.team) == ("m", 1, "Checkout: web")
    assert filled.respondent == "Asha"
    assert filled.on_date == date(2026, 11, 25)
    assert filled.levels == {"org-structure": None, "org-lead": None}


def test_filled_blank_round_trip_to_run_and_response():
    text = blank().replace("    level: null", "    level: 2", 1)
    text = text.replace('    note: ""', "    note: We try", 1)
    text = text.replace('respondent: ""', "respondent: '  '")
    filled = parse_filled_blank(text, [MODEL, make_model(2)])
    assert filled.respondent is None  # blank name = anonymous
    assert filled.answers[0].level == 2 and filled.answers[0].note == "We try"
    run = filled.to_run()
    assert run.levels == {"org-structure": 2, "org-lead": None}
    assert (run.model_id, run.model_version, run.team) == ("m", 1, "Checkout: web")
    assert filled.to_response().levels == run.levels


def test_every_problem_is_collected_with_line_and_path():
    lines = [
        "model_version: 3",
        "team: Checkout",
        "date: someday",
        "colour: red",
        "criteria:",
        "  - id: org-structure",
        "    level: 5",
        "  - id: org-nope",
        "    level: 1",
        "  - id: org-structure",
        "    level: one",
        "    weight: 2",
        "  - level: 1",
    ]
    with pytest.raises(AssessmentError) as info:
        parse_filled_blank("\n".join(lines), [MODEL], source="team.yaml")
    # without a model the criteria are checked for shape only; top to bottom, missing keys first
    assert [str(p) for p in info.value.problems] == [
        "model: missing model id (e.g. model: sre-maturity)",
        "line 3, date: 'someday' is not a date; use YYYY-MM-DD, e.g. 2026-11-02",
        "line 4, colour: unknown key; allowed: model, model_version, team, respondent, date, "
        "criteria",
        "line 10, criteria[2].id: criterion 'org-structure' appears twice (also criteria[0])",
        "line 11, criteria[2].level: level 'one' is not a whole number or null",
        "line 12, criteria[2].weight: unknown key; allowed: id, name, level, note, evidence",
        "line 13, criteria[3].id: missing criterion id",
    ]
    assert str(info.value).startswith("team.yaml: model: missing model id")

    # the right model: criteria are checked against it too
    with pytest.raises(AssessmentError) as info:
        parse_filled_blank("\n".join(["model: m", "model_version: 1", *lines[1:]]), [MODEL])
    assert [str(p) for p in info.value.problems] == [
        "line 4, date: 'someday' is not a date; use YYYY-MM-DD, e.g. 2026-11-02",
        "line 5, colour: unknown key; allowed: model, model_version, team, respondent, date, "
        "criteria",
        "line 8, criteria[0].level: level 5 is out of range 0..2",
        "line 9, criteria[1].id: unknown criterion 'org-nope' for m v1",
        "line 11, criteria[2].id: criterion 'org-structure' appears twice (also criteria[0])",
        "line 12, criteria[2].level: level 'one' is not a whole number or null",
        "line 13, criteria[2].weight: unknown key; allowed: id, name, level, note, evidence",
        "line 14, criteria[3].id: missing criterion id",
    ]


def test_wrong_model_version():
    text = blank().replace("model_version: 1", "model_version: 3")
    with pytest.raises(AssessmentError) as info:
        parse_filled_blank(text, [MODEL, make_model(2)])
    assert [str(p) for p in info.value.problems] == [
        "line 7, model_version: wrong model version 3: m has v1, v2",
    ]


def test_unknown_model_and_missing_fields():
    text = "model: other\nmodel_version: 1\nrespondent: 7\ncriteria: {}\n"
    with pytest.raises(AssessmentError) as info:
        parse_filled_blank(text, [MODEL])
    assert [str(p) for p in info.value.problems] == [
        "team: missing team name",
        "date: missing date; write YYYY-MM-DD",
        "line 1, model: unknown model 'other'; available: m",
        "line 3, respondent: must be a name in quotes, or empty for anonymous",
        "line 4, criteria: missing list of criteria",
    ]


def test_malformed_yaml_and_wrong_shape():
    text = "model: m\ncriteria:\n  - id: a\n   level: 1\n"
    with pytest.raises(AssessmentError, match=r"^f\.yaml: line 4: not valid YAML: expected"):
        parse_filled_blank(text, [MODEL], source="f.yaml")
    with pytest.raises(AssessmentError, match=r"\(top level\): expected a mapping"):
        parse_filled_blank("- a\n- b\n", [MODEL])
