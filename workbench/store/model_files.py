"""Reading assessment model files: the bundled ones (``assessments/``) and the coach's own
(``user_models_dir()``), validated by ``workbench.domain.maturity.parse_model``.

Decisions:
- Every ``*.yaml`` / ``*.yml`` file directly in those folders is a model; files are read in
  name order. A broken file stops loading with one line naming the file, the key path and the
  problem (or the line, for malformed YAML); a model folder should not half-work.
- Runs record model id + version, so (id, version) must mean one thing. A user file with the
  same id **and** version as a bundled model, or as another user file, is an error: copy the
  model and raise its ``version`` (or choose a new ``id``) instead of shadowing it.
- Without a version, ``get_model`` picks the highest version of that id.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from workbench.domain.maturity import AssessmentError, AssessmentModel, parse_model
from workbench.domain.maturity.problems import Problem, yaml_problem
from workbench.errors import ConflictError, NotFoundError
from workbench.paths import assessments_dir, user_models_dir

BUNDLED = "bundled"
MODEL_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LoadedModel:
    model: AssessmentModel
    path: Path
    bundled: bool

    @property
    def source(self) -> str:
        """``bundled`` or the path of the user's file."""
        return BUNDLED if self.bundled else str(self.path)


def load_model_file(path: Path) -> AssessmentModel:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AssessmentError([Problem("", f"cannot read the file: {exc}")], str(path)) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise AssessmentError([yaml_problem(exc)], str(path)) from None
    return parse_model(data, source=str(path))


def model_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in MODEL_SUFFIXES and not p.name.startswith(".")
    )


def load_models(
    bundled_dir: Path | None = None, user_dir: Path | None = None
) -> list[LoadedModel]:
    """All models, bundled first, each list in file-name order."""
    loaded: list[LoadedModel] = []
    seen: dict[tuple[str, int], LoadedModel] = {}
    for folder, bundled in (
        (bundled_dir or assessments_dir(), True),
        (user_dir or user_models_dir(), False),
    ):
        for path in model_files(folder):
            item = LoadedModel(load_model_file(path), path, bundled)
            key = item.model.key
            if key in seen:
                other = seen[key]
                raise ConflictError(
                    f"{path}: model {key[0]} v{key[1]} is already defined by "
                    f"{'the bundled file ' if other.bundled else ''}{other.path}; "
                    "raise `version` or choose another `id` in your copy"
                )
            seen[key] = item
            loaded.append(item)
    return loaded


def get_model(
    model_id: str,
    version: int | None = None,
    *,
    models: list[LoadedModel] | None = None,
) -> LoadedModel:
    """The model with this id (and version; the highest version when not given)."""
    candidates = [m for m in (models if models is not None else load_models())
                  if m.model.id == model_id]
    if version is not None:
        candidates = [m for m in candidates if m.model.version == version]
    if not candidates:
        wanted = f"{model_id} v{version}" if version is not None else model_id
        raise NotFoundError(f"no assessment model {wanted}", topic="model")
    return max(candidates, key=lambda m: m.model.version)
