"""Export templates a coach can override, one workspace at a time.

Every Markdown export comes from a bundled template, ``templates/export/NAME.md.j2``. A file
``NAME.md.j2`` in the workspace's override folder (``user_templates_dir``)
replaces it for that workspace only; deleting the file brings the bundled one back.

Decisions:
- The override folder is flat: coaches see the bundled file names and nothing else. Files
  there that match no bundled template are listed as ``unused`` (with the closest name), so
  a typo in a file name shows instead of silently doing nothing.
- The bundled templates are found by listing the bundled folder, never from a fixed list.
- Any failure while loading or rendering a template (a syntax error, a name the template
  does not have under ``StrictUndefined``, a filter given the wrong thing, a missing include)
  becomes one ``TemplateProblem`` whose message starts ``PATH:LINE:`` with the file actually
  used and the template line that failed, so editors can jump to it. Nothing is written by
  an export that hits one: ``export_workspace`` renders every file before writing any.
- Environments are cached per (bundled folder, override folder). That stays correct while
  files change: each template loaded remembers the file it came from, and is loaded again
  when that file changes, or, for a bundled one, when an override for it appears.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    Environment,
    FileSystemLoader,
    TemplateError,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
)

from workbench.errors import ConflictError, NotFoundError, UsageError
from workbench.export.files import write_atomic
from workbench.export.markdown import environment
from workbench.export.names import slugify
from workbench.paths import templates_dir, user_templates_root


def user_templates_dir(workspace_name: str) -> Path:
    """Folder of the workspace's template overrides: ``NAME.md.j2`` in it replaces the
    bundled ``templates/export/NAME.md.j2`` for that workspace. Named by the workspace's
    slug, like its export folder (``BharatMart`` -> ``bharatmart``)."""
    return user_templates_root() / slugify(workspace_name, fallback="workspace")


PREFIX = "export"
"""The folder of the bundled export templates, and the prefix of their Jinja names."""
SUFFIX = ".md.j2"

BUNDLED = "bundled"
OVERRIDE = "override"
UNUSED = "unused"

OVERRIDE_HINT = "(fix the template, or delete the override to use the bundled one)"
BUNDLED_HINT = "(this is a bug in the bundled template; please report it)"
_DETAIL_LIMIT = 300


class TemplateProblem(UsageError):
    """A template that cannot be loaded or rendered: ``path`` is the file used, ``line`` the
    template line that failed (None when no line is known), ``template`` its file name,
    ``override`` whether the file is a coach's override."""

    def __init__(self, *, path: str, line: int | None, template: str, detail: str,
                 override: bool) -> None:
        where = f"{path}:{line}" if line is not None else path
        hint = OVERRIDE_HINT if override else BUNDLED_HINT
        super().__init__(f"{where}: template {template}: {detail} {hint}", topic="template")
        self.path = path
        self.line = line
        self.template = template
        self.detail = detail
        self.override = override


@dataclass(frozen=True)
class TemplateInfo:
    """One export template as a workspace sees it."""

    name: str
    """The file name, e.g. ``team-charter.md.j2`` (an override has the same name)."""
    short_name: str
    """``team-charter``."""
    source: str
    """``bundled``, ``override`` (the workspace's file is in force) or ``unused`` (a file in
    the override folder that matches no bundled template)."""
    path: Path
    """The file in force (for ``unused``: the file that is not used)."""
    bundled_path: Path | None
    """The bundled file (None for ``unused``)."""
    problem: str | None = None
    """Why the file in force cannot be used ("line 3: unexpected '}'"), or why an unused
    file is not used; None when it is fine."""

    @property
    def jinja_name(self) -> str:
        """The name exporters render it by: ``export/team-charter.md.j2``."""
        return f"{PREFIX}/{self.name}"

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "short_name": self.short_name, "source": self.source,
                "path": str(self.path),
                "bundled_path": None if self.bundled_path is None else str(self.bundled_path),
                "problem": self.problem}


# --- loading -----------------------------------------------------------------------------


def _read_template(path: Path, name: str) -> str:
    """The file's text; a file that is not UTF-8 is a syntax error at the line of the first
    bad byte (so it is reported like any other problem in the file)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TemplateSyntaxError("the file is not UTF-8 text; save it as UTF-8", line,
                                  name, os.path.normpath(path)) from None


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size


class OverrideLoader(BaseLoader):
    """Loads ``export/NAME`` from the override folder when ``NAME`` is a file there, else
    everything from the bundled folder. Remembers which file each loaded template came from
    (``files``: file name -> (Jinja name, whether it is an override))."""

    def __init__(self, bundled: Path, overrides: Path | None) -> None:
        self.bundled_root = bundled
        self.overrides = overrides
        self._bundled = FileSystemLoader(str(bundled))
        self.files: dict[str, tuple[str, bool]] = {}

    def override_path(self, template: str) -> Path | None:
        """Where an override of ``template`` would be (None when it cannot have one)."""
        if self.overrides is None:
            return None
        prefix, _, file = template.partition("/")
        if (prefix != PREFIX or not file or file.startswith(".")
                or any(sep in file for sep in ("/", "\\", os.sep))):
            return None
        return self.overrides / file

    def bundled_path(self, template: str) -> Path:
        return self.bundled_root.joinpath(*template.split("/"))

    def get_source(self, environment: Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        candidate = self.override_path(template)
        if candidate is not None and candidate.is_file():
            stamp = _stamp(candidate)
            source = _read_template(candidate, template)
            filename = os.path.normpath(candidate)
            self.files[filename] = (template, True)
            return source, filename, lambda: _stamp(candidate) == stamp

        source, filename, bundled_uptodate = self._bundled.get_source(environment, template)
        self.files[os.path.normpath(filename)] = (template, False)

        def uptodate() -> bool:
            appeared = candidate is not None and candidate.is_file()
            return not appeared and bool(bundled_uptodate and bundled_uptodate())

        return source, filename, uptodate


@functools.lru_cache(maxsize=32)
def _environment(bundled: Path, overrides: Path | None) -> Environment:
    return environment(loader=OverrideLoader(bundled, overrides))


def template_environment(workspace_name: str | None) -> Environment:
    """The export templates' Jinja environment (``workbench.export.markdown.environment``)
    for a workspace: ``export/NAME`` comes from the workspace's override folder when the
    file is there, else from the bundled folder. None: the bundled templates only."""
    overrides = None if workspace_name is None else user_templates_dir(workspace_name)
    return _environment(templates_dir(), overrides)


# --- rendering -----------------------------------------------------------------------------


def _one_line(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _DETAIL_LIMIT else text[: _DETAIL_LIMIT - 1] + "…"


def _detail(exc: BaseException) -> str:
    if isinstance(exc, TemplateNotFound):
        return f"there is no template {exc.name!r} to load"
    if isinstance(exc, TemplateError):
        return _one_line(exc.message or type(exc).__name__)
    text = _one_line(str(exc))
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


_NO_ATTRIBUTE = re.compile(r"'(?P<owner>.+)' has no attribute '(?P<field>[^']+)'")


def _source_line(path: str, line: int | None) -> str:
    if line is None or line < 1:
        return ""
    try:
        lines = Path(path).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    return lines[line - 1] if line <= len(lines) else ""


def _undefined_detail(detail: str, path: str, line: int | None) -> str:
    """Jinja names the object by its type ("'dict object' has no attribute 'missionx'");
    name it as the template line writes it ("'team' has no attribute 'missionx'")."""
    match = _NO_ATTRIBUTE.fullmatch(detail)
    if match is None:
        return detail
    field = re.escape(match["field"])
    written = re.search(r"([A-Za-z_][\w.]*(?:\[[^\]]*\])*)\s*(?:\.\s*" + field
                        + r"\b|\[\s*['\"]" + field + r"['\"]\s*\])",
                        _source_line(path, line))
    if written is None:
        return detail
    return f"'{written.group(1)}' has no attribute '{match['field']}'"


def _search_roots(env: Environment) -> list[str]:
    loader = env.loader
    if isinstance(loader, OverrideLoader):
        roots = [loader.bundled_root] + ([loader.overrides] if loader.overrides else [])
        return [os.path.normpath(r) + os.sep for r in roots]
    if isinstance(loader, FileSystemLoader):
        return [os.path.normpath(r) + os.sep for r in loader.searchpath]
    return []


def _template_frame(env: Environment, exc: BaseException) -> tuple[str, int] | None:
    """(file, line) of the innermost template frame in the traceback. Jinja rewrites the
    frames of template code so their file is the template's and their line the template
    line."""
    loader = env.loader
    known = loader.files if isinstance(loader, OverrideLoader) else {}
    roots = _search_roots(env)
    found = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename in known or any(filename.startswith(r) for r in roots):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _is_override(env: Environment, filename: str) -> bool:
    loader = env.loader
    if not isinstance(loader, OverrideLoader):
        return False
    if filename in loader.files:
        return loader.files[filename][1]
    if loader.overrides is None:
        return False
    return filename.startswith(os.path.normpath(loader.overrides) + os.sep)


def _expected_path(env: Environment, name: str) -> str:
    """The file ``name`` would be loaded from (for failures before any template line)."""
    loader = env.loader
    if isinstance(loader, OverrideLoader):
        candidate = loader.override_path(name)
        if candidate is not None and candidate.is_file():
            return os.path.normpath(candidate)
        return os.path.normpath(loader.bundled_path(name))
    if isinstance(loader, FileSystemLoader) and loader.searchpath:
        return os.path.normpath(Path(loader.searchpath[0]).joinpath(*name.split("/")))
    return name


def _problem(env: Environment, name: str, exc: BaseException) -> TemplateProblem:
    filename: str | None = None
    line: int | None = None
    if isinstance(exc, TemplateSyntaxError) and exc.filename:
        filename, line = os.path.normpath(exc.filename), exc.lineno
    else:
        frame = _template_frame(env, exc)
        if frame is not None:
            filename, line = frame
    path = filename or _expected_path(env, name)
    loader = env.loader
    shown = name
    if filename and isinstance(loader, OverrideLoader) and filename in loader.files:
        shown = loader.files[filename][0]
    elif isinstance(exc, TemplateSyntaxError) and exc.name:
        shown = exc.name
    shown = shown.removeprefix(f"{PREFIX}/")
    detail = _detail(exc)
    if isinstance(exc, UndefinedError):
        detail = _undefined_detail(detail, path, line)
    return TemplateProblem(path=path, line=line, template=shown, detail=detail,
                           override=_is_override(env, path))


def render_template(env: Environment, name: str, values: Mapping[str, Any]) -> str:
    """``name`` (``export/NAME.md.j2``) rendered with ``values``. Any failure while loading
    or rendering it raises one ``TemplateProblem`` (``PATH:LINE: template NAME: what went
    wrong (hint)``)."""
    try:
        return env.get_template(name).render(**values)
    except Exception as exc:
        raise _problem(env, name, exc) from exc


# --- listing and copying ---------------------------------------------------------------------


def _short(name: str) -> str:
    return name.removesuffix(SUFFIX)


def _bundled_folder() -> Path:
    return templates_dir() / PREFIX


def _bundled_files() -> list[Path]:
    folder = _bundled_folder()
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir()
                   if p.is_file() and p.name.endswith(SUFFIX) and not p.name.startswith(".")),
                  key=lambda p: p.name)


def _check(env: Environment, path: Path, name: str) -> str | None:
    """Why the file cannot be used as a template, or None: it must read as UTF-8 and parse
    (with the export filters, so a misspelt filter name shows too)."""
    jinja_name = f"{PREFIX}/{name}"
    try:
        env.compile(_read_template(path, jinja_name), jinja_name, os.path.normpath(path))
    except TemplateSyntaxError as exc:
        where = f"line {exc.lineno}: " if exc.lineno else ""
        return where + _one_line(exc.message or "syntax error")
    except OSError as exc:
        return f"cannot read it: {_one_line(exc.strerror or str(exc))}"
    return None


def bundled_templates() -> list[TemplateInfo]:
    """Every bundled export template, by name."""
    env = template_environment(None)
    return [TemplateInfo(name=p.name, short_name=_short(p.name), source=BUNDLED, path=p,
                         bundled_path=p, problem=_check(env, p, p.name))
            for p in _bundled_files()]


def _unused_problem(entry: Path, names: list[str], folder: Path) -> str:
    if entry.is_dir():
        return f"a folder: put override files directly in {folder}"
    close = difflib.get_close_matches(entry.name, names, n=1, cutoff=0.6)
    if close:
        return f"matches no bundled template; did you mean {close[0]}?"
    return "matches no bundled template; name it after one of them"


def templates_for(workspace_name: str) -> list[TemplateInfo]:
    """Every bundled template with the file in force for the workspace (its override when
    there is one), then the files in the override folder that match no bundled template."""
    folder = user_templates_dir(workspace_name)
    env = template_environment(workspace_name)
    result: list[TemplateInfo] = []
    names: list[str] = []
    for bundled in _bundled_files():
        names.append(bundled.name)
        override = folder / bundled.name
        in_force, source = (override, OVERRIDE) if override.is_file() else (bundled, BUNDLED)
        result.append(TemplateInfo(name=bundled.name, short_name=_short(bundled.name),
                                   source=source, path=in_force, bundled_path=bundled,
                                   problem=_check(env, in_force, bundled.name)))
    if folder.is_dir():
        taken = set(names)
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.name.startswith(".") or (entry.name in taken and entry.is_file()):
                continue
            result.append(TemplateInfo(name=entry.name, short_name=_short(entry.name),
                                       source=UNUSED, path=entry, bundled_path=None,
                                       problem=_unused_problem(entry, names, folder)))
    return result


def find_bundled(name: str) -> TemplateInfo:
    """The bundled template called ``name``: ``team-charter``, ``team-charter.md.j2`` or
    ``export/team-charter.md.j2``; NotFoundError listing the names otherwise."""
    wanted = name.strip().replace("\\", "/").lower().removeprefix(f"{PREFIX}/")
    if not wanted.endswith(SUFFIX):
        wanted += SUFFIX
    templates = bundled_templates()
    for info in templates:
        if info.name == wanted:
            return info
    choices = ", ".join(t.short_name for t in templates) or "(none found)"
    raise NotFoundError(f"no bundled template is called {name.strip()!r}; choose one of: "
                        f"{choices}", topic="template")


def copy_template(workspace_name: str, name: str, force: bool = False) -> Path:
    """Copy the bundled template ``name`` into the workspace's override folder (created when
    missing) and return the file written. An existing override is kept unless ``force``."""
    info = find_bundled(name)
    target = user_templates_dir(workspace_name) / info.name
    if target.is_dir():
        raise ConflictError(f"{target} is a folder; move it away, then copy the template again")
    if target.exists() and not force:
        raise ConflictError(f"an override already exists at {target}; edit it, or copy "
                            "with --force to replace it with the bundled template")
    with open(info.bundled_path or info.path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    write_atomic(target, text)
    return target


__all__ = ["BUNDLED", "OVERRIDE", "PREFIX", "SUFFIX", "UNUSED", "OverrideLoader",
           "TemplateInfo", "TemplateProblem", "bundled_templates", "copy_template",
           "find_bundled", "render_template", "template_environment", "templates_for"]
