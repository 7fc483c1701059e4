"""The exporter registry and ``export_workspace``.

An exporter is one function that turns a workspace into files for one format::

    from workbench.export.registry import ExportContext, ExportFile, exporter

    @exporter("slos", formats={"md", "yaml"}, title="Service level objectives", order=30)
    def export_slos(ctx: ExportContext, fmt: str) -> list[ExportFile]:
        slos = slo_repo.list_slos(ctx.session, ctx.workspace.id)
        if fmt == "md":
            return [ExportFile("slos.md", ctx.render("export/slos.md.j2", slos=slos))]
        return [ExportFile("slos.yaml", ctx.yaml("workbench/slos", {"slos": [...]}))]

Modules in ``workbench/export/exporters/`` are imported automatically, so a feature adds an
exporter by adding one module there. Exporters only render text; ``export_workspace`` reads
everything in one database session, then checks every path and writes the files atomically.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from workbench.errors import UsageError
from workbench.export.files import check_folder, prepare_folder, write_tree
from workbench.export.names import is_clean_file_part, safe_path, slugify
from workbench.export.templates import render_template, template_environment

if TYPE_CHECKING:
    from jinja2 import Environment
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

    from workbench.domain.organisation import Workspace

# Every format the workbench knows, in the order files are produced.
FORMATS: tuple[str, ...] = ("md", "yaml", "ics", "paging", "csv", "openslo", "sloth", "pyrra")
BUILTIN_PACKAGE = "workbench.export.exporters"


@dataclass(frozen=True)
class ExportFile:
    """One file an exporter produces: a path relative to the workspace's export folder
    (``/``-separated, lowercase slug parts such as ``slos/checkout.md``) and its text."""

    path: str
    text: str


@dataclass
class ExportContext:
    """What an exporter gets: the open read session, the workspace, and rendering helpers."""

    session: Session
    workspace: Workspace
    generated_at: datetime | None = None
    today: date | None = None
    """The day figures that depend on "now" are worked out for (who is overdue); None: the
    exporter picks a day from the data, so the files do not change from day to day."""
    _env: Environment | None = field(default=None, repr=False)

    def day(self, *fallbacks: date | None) -> date:
        """The day figures that depend on "now" are worked out for: ``today`` if set, else
        the day of ``generated_at``, else the first fallback given (a day taken from the
        data, so the same data gives the same files), else the system's date."""
        if self.today is not None:
            return self.today
        if self.generated_at is not None:
            return self.generated_at.date()
        return next((d for d in fallbacks if d is not None), None) or date.today()

    @property
    def generated_at_text(self) -> str | None:
        """``generated_at`` as ISO 8601 (seconds), or None when not requested."""
        if self.generated_at is None:
            return None
        return self.generated_at.isoformat(timespec="seconds")

    def render(self, template: str, **values: Any) -> str:
        """Render a Markdown template (``export/NAME.md.j2``): the workspace's override when
        it has one, else the bundled one; ``workspace`` and ``generated_at`` (ISO text or
        None) are always available to it. Any template failure raises one
        ``workbench.export.templates.TemplateProblem`` (a ``UsageError``)."""
        if self._env is None:
            self._env = template_environment(self.workspace.name)
        values.setdefault("workspace", self.workspace)
        values.setdefault("generated_at", self.generated_at_text)
        return render_template(self._env, template, values)

    def yaml(self, kind: str, body: dict[str, Any], *, version: int = 1) -> str:
        """A YAML document of our own format: ``kind``, ``version``, optional
        ``generated_at``, then ``body`` in the given key order."""
        document: dict[str, Any] = {"kind": kind, "version": version}
        if self.generated_at is not None:
            document["generated_at"] = self.generated_at_text
        document.update(body)
        return dump_yaml(document)


class _Dumper(yaml.SafeDumper):
    """``yaml.SafeDumper`` that writes multi-line text as a literal ``|`` block."""


# libyaml's emitter (shipped in PyYAML's wheels) is several times faster than the pure Python
# one. It writes differently in three cases: characters beyond U+FFFF (it escapes them as
# "\U..."), text ending in kept line breaks ("|+": it closes the document with "..."), and
# empty, multi-line or long mapping keys (the Python emitter writes "? key"). Those documents
# are written by the Python emitter, so every file is byte-identical to what it writes.
_CDumper: type | None = None
if hasattr(yaml, "CSafeDumper"):
    class _CDumper(yaml.CSafeDumper):  # type: ignore[no-redef]
        """``yaml.CSafeDumper`` with the same representers as ``_Dumper``."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    if "\x85" in value:
        # PyYAML writes NEL raw in plain, quoted and block styles and reads it back as a
        # line break; only a double-quoted "\N" escape survives.
        style = '"'
    elif "\n" in value:
        style = "|"
    else:
        style = None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.Node:
    # Exactly as written, never via a float: 99.90 -> 99.9, 90 -> 90 (an integer).
    text = format(value.normalize(), "f")
    tag = "tag:yaml.org,2002:float" if "." in text else "tag:yaml.org,2002:int"
    return dumper.represent_scalar(tag, text)


for _dumper in (d for d in (_Dumper, _CDumper) if d is not None):
    _dumper.add_representer(str, _represent_str)
    _dumper.add_representer(Decimal, _represent_decimal)

_DUMP_OPTIONS: dict[str, Any] = {"sort_keys": False, "allow_unicode": True,
                                 "default_flow_style": False, "width": 1_000_000}


def _differs_from_python(text: str) -> bool:
    return "\\U" in text or "\n...\n" in text or text.startswith("...")


_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")


def _has_explicit_keys(value: Any) -> bool:
    """Whether the Python emitter would write a ``? key`` (an empty, multi-line or long
    key), which libyaml writes as a plain key instead."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (not key or len(key) > 100
                                         or any(b in key for b in _BREAKS)):
                return True
            if _has_explicit_keys(item):
                return True
    elif isinstance(value, list):
        return any(_has_explicit_keys(item) for item in value)
    return False


def _dump_all(documents: list[Any], **options: Any) -> str:
    if _CDumper is not None and not any(_has_explicit_keys(d) for d in documents):
        text = yaml.dump_all(documents, Dumper=_CDumper, **_DUMP_OPTIONS, **options)
        if not _differs_from_python(text):
            return text
    return yaml.dump_all(documents, Dumper=_Dumper, **_DUMP_OPTIONS, **options)


def dump_yaml(document: Any) -> str:
    """YAML the way every export writes it: safe types only (and ``Decimal`` as the plain
    number it is), key order kept, Unicode as is, one line per value (no folding, so a
    changed word is a one-line diff) and multi-line text as ``|`` blocks. PyYAML falls back
    to quoting whenever a block could not round-trip."""
    return _dump_all([document])


def dump_yaml_stream(documents: Any) -> str:
    """Several documents as ``dump_yaml`` writes them, each starting with ``---``."""
    return _dump_all(list(documents), explicit_start=True)


ExportFunction = Callable[[ExportContext, str], Iterable[ExportFile]]


@dataclass(frozen=True)
class Exporter:
    name: str
    formats: frozenset[str]
    function: ExportFunction
    title: str = ""
    order: int = 100


class ExporterRegistry:
    """Exporters by name. ``builtin`` names a package whose modules are imported the first
    time the registry is asked what it holds (that is how they register themselves)."""

    def __init__(self, builtin: str | None = None) -> None:
        self._exporters: dict[str, Exporter] = {}
        self._builtin = builtin
        self._loaded = builtin is None

    def add(self, exporter: Exporter) -> Exporter:
        unknown = set(exporter.formats) - set(FORMATS)
        if not exporter.formats or unknown:
            raise ValueError(f"exporter {exporter.name!r}: formats must be some of {FORMATS}")
        if not is_clean_file_part(exporter.name) or "." in exporter.name:
            raise ValueError(f"exporter name {exporter.name!r} must be a lowercase slug")
        existing = self._exporters.get(exporter.name)
        if existing is not None and _qualname(existing.function) != _qualname(exporter.function):
            raise ValueError(f"an exporter named {exporter.name!r} is already registered")
        self._exporters[exporter.name] = exporter
        return exporter

    def register(self, name: str, *, formats: Iterable[str], title: str = "",
                 order: int = 100) -> Callable[[ExportFunction], ExportFunction]:
        """Decorator: register the function as exporter ``name`` for ``formats``.
        Exporters run in ``order`` (then name); the function is returned unchanged."""

        def decorate(function: ExportFunction) -> ExportFunction:
            self.add(Exporter(name=name, formats=frozenset(formats), function=function,
                              title=title, order=order))
            return function

        return decorate

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        package = importlib.import_module(self._builtin)
        for module in pkgutil.iter_modules(package.__path__):
            if not module.name.startswith("_"):
                importlib.import_module(f"{self._builtin}.{module.name}")

    def exporters(self) -> list[Exporter]:
        self._load()
        return sorted(self._exporters.values(), key=lambda e: (e.order, e.name))

    def names(self) -> list[str]:
        return [e.name for e in self.exporters()]

    def formats(self) -> list[str]:
        offered = {f for e in self.exporters() for f in e.formats}
        return [f for f in FORMATS if f in offered]


def _qualname(function: Callable[..., Any]) -> str:
    return f"{getattr(function, '__module__', '')}.{getattr(function, '__qualname__', '')}"


REGISTRY = ExporterRegistry(builtin=BUILTIN_PACKAGE)
exporter = REGISTRY.register


def available_formats(registry: ExporterRegistry | None = None) -> list[str]:
    """Formats at least one exporter writes, e.g. ``['md', 'yaml']``."""
    return (registry or REGISTRY).formats()


def exporter_names(registry: ExporterRegistry | None = None) -> list[str]:
    """Registered exporter names in the order they run, e.g. ``['workspace']``."""
    return (registry or REGISTRY).names()


def _select(registry: ExporterRegistry, formats: Iterable[str],
            only: Iterable[str] | None) -> tuple[list[Exporter], set[str]]:
    wanted = {f.strip().lower().lstrip(".") for f in formats if f and f.strip()}
    known = registry.formats()
    if not wanted:
        raise UsageError(f"choose at least one export format: {', '.join(known)}")
    unknown = sorted(wanted - set(known))
    if unknown:
        raise UsageError(
            f"unknown export format {', '.join(map(repr, unknown))}; choose from: "
            + ", ".join(known)
        )
    chosen = registry.exporters()
    if only is not None:
        names = {n.strip().lower() for n in only if n and n.strip()}
        missing = sorted(names - {e.name for e in chosen})
        if missing:
            raise UsageError(
                f"unknown export {', '.join(map(repr, missing))}; choose from: "
                + ", ".join(e.name for e in chosen)
            )
        if not names:
            raise UsageError("choose at least one export: " + ", ".join(e.name for e in chosen))
        chosen = [e for e in chosen if e.name in names]
    chosen = [e for e in chosen if e.formats & wanted]
    if not chosen:
        raise UsageError(
            f"nothing to export as {', '.join(sorted(wanted))} with the chosen exports"
        )
    return chosen, wanted


def export_workspace(engine: Engine, workspace: Workspace, out_dir: Path, formats: set[str],
                     only: set[str] | None = None, *, generated_at: datetime | None = None,
                     today: date | None = None,
                     registry: ExporterRegistry | None = None) -> list[Path]:
    """Run every registered exporter (or just those named in ``only``) for ``formats`` and
    write the files under ``out_dir/<workspace-slug>/``. Returns the written paths in a stable
    order: exporters in registry order, then formats in ``FORMATS`` order, then the order
    each exporter listed its files. All data is read in one session, and nothing is written
    unless every exporter succeeded. User-fixable problems raise ``WorkbenchError``
    subclasses with one-line messages."""
    from workbench.store import repo
    from workbench.store.db import reading

    registry = registry or REGISTRY
    chosen, wanted = _select(registry, formats, only)
    check_folder(Path(out_dir))

    rendered: list[tuple[Exporter, ExportFile]] = []
    with reading(engine) as session:
        if engine.dialect.name == "postgresql":
            # One snapshot for every query, so files agree with each other.
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        current = repo.get_workspace_by_id(session, workspace.id)
        ctx = ExportContext(session=session, workspace=current, generated_at=generated_at,
                            today=today)
        for entry in chosen:
            for fmt in FORMATS:
                if fmt in wanted and fmt in entry.formats:
                    rendered.extend((entry, f) for f in entry.function(ctx, fmt))

    base = prepare_folder(Path(out_dir))
    folder = safe_path(base, slugify(current.name, fallback="workspace"))
    targets: dict[Path, str] = {}
    planned: list[tuple[tuple[str, ...], str]] = []
    for entry, file in rendered:
        parts = file.path.split("/")
        if not all(is_clean_file_part(p) for p in parts):
            raise ValueError(f"exporter {entry.name!r} chose an unsafe file name {file.path!r}; "
                             "build names with workbench.export.names.slugify")
        target = safe_path(folder, *parts)
        if target in targets:
            raise ValueError(f"exporters {targets[target]!r} and {entry.name!r} both write "
                             f"{file.path!r}")
        targets[target] = entry.name
        text = file.text if file.text.endswith("\n") else file.text + "\n"
        planned.append((tuple(parts), text))
    return write_tree(folder, planned)
