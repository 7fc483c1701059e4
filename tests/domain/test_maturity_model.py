"""Validation of assessment model data (domain side: no files)."""

from __future__ import annotations

import copy
import subprocess
import sys

import pytest

from workbench.domain.maturity import AssessmentError, parse_model
from workbench.domain.maturity.model import key_path
from workbench.errors import UsageError

VALID = {
    "id": "mini",
    "version": 1,
    "title": "Mini model",
    "levels": [
        {"level": 0, "name": "low"},
        {"level": 1, "name": "mid"},
        {"level": 2, "name": "high"},
    ],
    "dimensions": [
        {
            "id": "alpha",
            "name": "Alpha",
            "questions": ["Q1?"],
            "criteria": [
                {"id": "a1", "name": "A one", "levels": {0: "x", 1: "y", 2: "z"}},
                {"id": "a2", "name": "A two", "levels": {0: "x", 1: "y", 2: "z"}},
            ],
        },
        {
            "id": "beta",
            "name": "Beta",
            "typology": {"name": "Westrum", "levels": {0: "p", 1: "b", 2: "g"}},
            "criteria": [
                {"id": "b1", "name": "B one", "levels": {0: "x", 1: "y", 2: "z"}},
            ],
        },
    ],
}


def broken(mutate) -> str:
    data = copy.deepcopy(VALID)
    mutate(data)
    with pytest.raises(AssessmentError) as info:
        parse_model(data, source="models/mini.yaml")
    return str(info.value)


def test_valid_model_parses_with_helpers():
    model = parse_model(VALID)
    assert model.key == ("mini", 1)
    assert model.max_level == 2
    assert list(model.level_values) == [0, 1, 2]
    assert model.criterion_ids == ["a1", "a2", "b1"]
    assert model.criteria_count == 3
    assert model.criterion("b1").name == "B one"
    assert model.criterion("nope") is None
    assert model.dimension("beta").typology.levels[2] == "g"
    assert model.level_name(1) == "mid"


def test_error_is_a_usage_error_with_one_line():
    message = broken(lambda d: d["dimensions"][1]["criteria"][0]["levels"].pop(1))
    assert message == (
        "models/mini.yaml: dimensions[1].criteria[0].levels.1: missing label for level 1"
    )
    assert "\n" not in message
    assert issubclass(AssessmentError, UsageError)


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (lambda d: d.pop("id"), "id: required key is missing"),
        (lambda d: d.__setitem__("colour", "red"), "colour: unknown key"),
        (lambda d: d["dimensions"][0]["criteria"][1].__setitem__("weight", 2),
         "dimensions[0].criteria[1].weight: unknown key"),
        (lambda d: d.__setitem__("version", "1"), "version: input should be a valid integer"),
        (lambda d: d.__setitem__("version", 0), "version: input should be greater than"),
        (lambda d: d.__setitem__("id", "Mini Model"), "id: 'Mini Model' is not a valid id"),
        (lambda d: d["dimensions"][0]["criteria"][0]["levels"].__setitem__(1, ""),
         "dimensions[0].criteria[0].levels.1: must not be empty"),
        (lambda d: d["dimensions"][0]["criteria"][0]["levels"].__setitem__(3, "w"),
         "dimensions[0].criteria[0].levels.3: level 3 is not defined by the model "
         "(its levels are 0..2)"),
        (lambda d: d["dimensions"][1]["criteria"][0].__setitem__("id", "a1"),
         "dimensions[1].criteria[0].id: duplicate criterion id 'a1' "
         "(also at dimensions[0].criteria[0])"),
        (lambda d: d["dimensions"][1].__setitem__("id", "alpha"),
         "dimensions[1].id: duplicate dimension id 'alpha' (also at dimensions[0])"),
        (lambda d: d["dimensions"][1]["typology"]["levels"].pop(2),
         "dimensions[1].typology.levels.2: missing name for level 2"),
        (lambda d: d["levels"][2].__setitem__("level", 5),
         "levels[2].level: is 5, expected 2"),
        (lambda d: d["levels"][2].__setitem__("name", "LOW"),
         "levels[2].name: duplicate level name 'LOW' (also at levels[0])"),
        (lambda d: d.__setitem__("levels", [{"level": 0, "name": "only"}]),
         "levels: list should have at least 2 items"),
        (lambda d: d["dimensions"][0].__setitem__("criteria", []),
         "dimensions[0].criteria: list should have at least 1 item"),
    ],
)
def test_problems_name_the_key_path(mutate, expected):
    message = broken(mutate)
    assert message.startswith("models/mini.yaml: ")
    assert expected in message


def test_every_problem_is_reported():
    def mutate(d):
        d["dimensions"][0]["criteria"][0]["levels"].pop(0)
        d["dimensions"][0]["criteria"][1]["levels"].pop(2)

    data = copy.deepcopy(VALID)
    mutate(data)
    with pytest.raises(AssessmentError) as info:
        parse_model(data)
    assert [str(p) for p in info.value.problems] == [
        "dimensions[0].criteria[0].levels.0: missing label for level 0",
        "dimensions[0].criteria[1].levels.2: missing label for level 2",
    ]


def test_many_problems_are_summarised_on_one_line():
    data = copy.deepcopy(VALID)
    data["dimensions"][0]["criteria"] = [
        {"id": f"c{i}", "name": "n", "levels": {}} for i in range(3)
    ]
    with pytest.raises(AssessmentError) as info:
        parse_model(data)
    assert len(info.value.problems) == 9
    assert str(info.value).endswith("; and 4 more problems")


def test_empty_or_non_mapping_data():
    with pytest.raises(AssessmentError, match="the model is empty"):
        parse_model(None, source="x.yaml")
    with pytest.raises(AssessmentError) as info:
        parse_model(["a"], source="x.yaml")
    assert str(info.value) == "x.yaml: (top level): input should be a valid dictionary"
    with pytest.raises(AssessmentError) as info:
        parse_model({**VALID, "dimensions": ["x"]}, source="x.yaml")
    assert str(info.value) == "x.yaml: dimensions[0]: input should be a valid dictionary"


def test_model_declares_its_own_number_of_levels():
    data = copy.deepcopy(VALID)
    data["levels"].append({"level": 3, "name": "top"})
    for dim in data["dimensions"]:
        for crit in dim["criteria"]:
            crit["levels"][3] = "w"
    data["dimensions"][1]["typology"]["levels"][3] = "t"
    model = parse_model(data)
    assert model.max_level == 3


def test_key_path_distinguishes_list_positions_from_integer_keys():
    data = {"dimensions": [{}, {}, {"criteria": [{"levels": {1: 5}}]}]}
    loc = ("dimensions", 2, "criteria", 0, "levels", 1)
    assert key_path(loc, data) == "dimensions[2].criteria[0].levels.1"
    assert key_path((), data) == "(top level)"


def test_domain_package_imports_no_store_or_ui():
    code = (
        "import sys, workbench.domain.maturity; "
        "print(sorted(m for m in ('sqlmodel', 'sqlalchemy', 'textual', 'typer') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
