"""Loading model files: bundled models, the user's models folder, broken files."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from workbench.domain.maturity import AssessmentError, score_levels
from workbench.errors import ConflictError, NotFoundError
from workbench.paths import assessments_dir, user_models_dir
from workbench.store.model_files import get_model, load_model_file, load_models

BOOK = assessments_dir() / "sre-maturity.yaml"
STAGES = assessments_dir() / "maturity-stages.yaml"


def test_both_bundled_models_validate():
    loaded = {m.model.id: m for m in load_models()}
    assert set(loaded) == {"sre-maturity", "maturity-stages"}
    assert all(m.bundled and m.source == "bundled" for m in loaded.values())


def test_book_model_matches_the_table():
    model = load_model_file(BOOK)
    assert model.key == ("sre-maturity", 1)
    assert [lvl.name for lvl in model.levels] == ["regressive", "beginner", "advanced"]
    assert [d.id for d in model.dimensions] == [
        "organisation", "people", "technology", "culture", "process",
    ]
    assert [len(d.criteria) for d in model.dimensions] == [4, 4, 6, 6, 8]
    assert model.criteria_count == 28
    assert all(3 <= len(d.questions) <= 5 for d in model.dimensions)
    culture = model.dimension("culture")
    assert culture.typology.name == "Westrum"
    assert culture.typology.levels == {0: "pathological", 1: "bureaucratic", 2: "generative"}
    assert [d.typology for d in model.dimensions if d.id != "culture"] == [None] * 4
    on_call = model.criterion("process-on-call")
    assert on_call.levels == {0: "None", 1: "Goodwill", 2: "Shared by dev and ops as agreed"}


def test_stages_model_has_four_levels():
    model = load_model_file(STAGES)
    assert model.key == ("maturity-stages", 1)
    assert [lvl.name for lvl in model.levels] == ["ad hoc", "reactive", "proactive", "predictive"]
    assert model.max_level == 3
    assert all(3 <= len(d.questions) <= 5 for d in model.dimensions)
    score = score_levels(model, {"stages-slo-targets": 3, "stages-error-budgets": 0})
    assert score.dimension("slos").percent == 50


def _write(folder: Path, name: str, data_or_text) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    text = data_or_text if isinstance(data_or_text, str) else yaml.safe_dump(data_or_text)
    path.write_text(text, encoding="utf-8")
    return path


def _book_data() -> dict:
    return yaml.safe_load(BOOK.read_text(encoding="utf-8"))


def test_broken_model_names_file_and_key_path(tmp_path):
    data = _book_data()
    del data["dimensions"][2]["criteria"][0]["levels"][1]
    path = _write(tmp_path, "broken.yaml", data)
    with pytest.raises(AssessmentError) as info:
        load_model_file(path)
    assert str(info.value) == (
        f"{path}: dimensions[2].criteria[0].levels.1: missing label for level 1"
    )


def test_unknown_key_in_model_file(tmp_path):
    data = _book_data()
    data["dimensions"][0]["criteria"][3]["weigth"] = 2
    path = _write(tmp_path, "typo.yaml", data)
    with pytest.raises(AssessmentError) as info:
        load_model_file(path)
    assert str(info.value).startswith(f"{path}: dimensions[0].criteria[3].weigth: unknown key")


def test_malformed_yaml_names_file_and_line(tmp_path):
    path = _write(tmp_path, "bad.yaml", "id: x\nversion: 1\ntitle: [unclosed\nlevels: []\n")
    with pytest.raises(AssessmentError) as info:
        load_model_file(path)
    assert str(info.value) == (
        f"{path}: line 4: not valid YAML: expected ',' or ']', but got ':' "
        "(while parsing a flow sequence that starts on line 3)"
    )


def test_yaml_syntax_error_on_one_line(tmp_path):
    path = _write(tmp_path, "tab.yaml", "id: x\nversion: 1\n\ttitle: T\n")
    with pytest.raises(AssessmentError) as info:
        load_model_file(path)
    assert str(info.value).startswith(f"{path}: line 3: not valid YAML: ")
    assert "\n" not in str(info.value)


def test_empty_file(tmp_path):
    path = _write(tmp_path, "empty.yml", "")
    with pytest.raises(AssessmentError, match=r"empty\.yml: the model is empty"):
        load_model_file(path)


def test_user_models_are_listed_with_their_path():
    data = _book_data()
    data["version"] = 2
    data["title"] = "Our adapted model"
    path = _write(user_models_dir(), "ours.yaml", data)
    _write(user_models_dir(), "notes.txt", "not a model")
    loaded = load_models()
    assert [(m.model.id, m.model.version, m.source) for m in loaded] == [
        ("maturity-stages", 1, "bundled"),
        ("sre-maturity", 1, "bundled"),
        ("sre-maturity", 2, str(path)),
    ]
    assert get_model("sre-maturity").model.version == 2  # newest by default
    assert get_model("sre-maturity", 1).bundled


def test_user_file_with_a_bundled_id_and_version_is_an_error():
    path = _write(user_models_dir(), "copy.yaml", _book_data())
    with pytest.raises(ConflictError) as info:
        load_models()
    assert str(info.value) == (
        f"{path}: model sre-maturity v1 is already defined by the bundled file {BOOK}; "
        "raise `version` or choose another `id` in your copy"
    )


def test_two_user_files_with_the_same_model_are_an_error():
    data = _book_data()
    data["id"] = "ours"
    _write(user_models_dir(), "a.yaml", data)
    second = _write(user_models_dir(), "b.yml", data)
    with pytest.raises(ConflictError) as info:
        load_models()
    assert str(info.value).startswith(f"{second}: model ours v1 is already defined by ")


def test_broken_user_file_stops_loading():
    _write(user_models_dir(), "x.yaml", "id: x\n")
    with pytest.raises(AssessmentError, match=r"x\.yaml: version: required key is missing"):
        load_models()


def test_get_model_not_found():
    with pytest.raises(NotFoundError, match=r"no assessment model nope$") as raised:
        get_model("nope")
    assert raised.value.topic == "model"  # the CLI adds its hint from this
    with pytest.raises(NotFoundError, match="no assessment model sre-maturity v9"):
        get_model("sre-maturity", 9)


def test_missing_folders_give_no_models(tmp_path):
    assert load_models(tmp_path / "none", tmp_path / "nothing") == []
