"""What the document commands (charter, organisation, policy) share: their option
declarations, lines of at most 80 columns, the lines of ``show`` about where a document
stands (status, who must agree, what is missing), lists changed item by item by option, a
problem of the service named by the option typed, a choice typed by its value or a unique
prefix, and exporting and importing one document.

Decisions:
- Items of a list are matched as names are everywhere (``lookup_key``: case and runs of
  spaces ignored); adding one that is there already changes nothing, removing one that is
  not there is refused with the items there are.
- A choice (an organisation model, a criterion, a cadence) is typed by its value, its title
  or a prefix of its value that only one choice has; anything else is refused with the
  valid values.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from workbench.commands.common import printable
from workbench.errors import UsageError

WIDTH = 80
E = TypeVar("E", bound=Enum)

DryRunOpt = Annotated[
    bool, typer.Option("--dry-run", help="Check the file and say what would change; "
                       "save nothing.")
]


def text_option(flag: str, text: str, metavar: str = "TEXT") -> Any:
    """An option typed once, with no default shown (None when not given)."""
    return Annotated[str | None, typer.Option(flag, help=text, metavar=metavar,
                                              show_default=False)]


def list_option(flag: str, text: str, metavar: str = "TEXT") -> Any:
    """An option typed once per item, with no default shown (None when not given)."""
    return Annotated[list[str] | None, typer.Option(flag, help=text, metavar=metavar,
                                                    show_default=False)]


def wrapped(text: str, indent: str = "", more: str = "    ") -> list[str]:
    """``text`` as lines of at most 80 columns, the first starting with ``indent`` and the
    rest with ``indent + more`` (long words are never broken, so names stay whole)."""
    return textwrap.wrap(" ".join(text.split()), WIDTH, initial_indent=indent,
                         subsequent_indent=indent + more, break_long_words=False,
                         break_on_hyphens=False) or [indent.rstrip()]


def paragraphs(text: str, indent: str = "  ") -> list[str]:
    """Multi-line text (a mission, a reason) wrapped paragraph by paragraph; empty lines
    between paragraphs are kept."""
    lines: list[str] = []
    for paragraph in text.strip().split("\n"):
        lines += wrapped(paragraph, indent, "") if paragraph.strip() else [""]
    return lines


def echo_lines(lines: Iterable[str]) -> None:
    for line in lines:
        typer.echo(printable(line))


def plural(count: int, word: str, words: str | None = None) -> str:
    """``1 team``, ``3 teams``."""
    return f"{count} {word if count == 1 else (words or word + 's')}"


def shortened(text: str | None, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis (for tables)."""
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"


# --- the lines every document's show shares ------------------------------------------------


def status_lines(view: Any, differs: bool = False) -> list[str]:
    """Where a document stands (``view``: a service's view with ``state``, ``version``,
    ``revisions`` and ``in_force_number``), and the agreed revision in force while a draft is
    edited (``differs``: the draft changes it)."""
    lines = wrapped(f"status: {view.state.describe()} (version {view.version}; "
                    f"{plural(view.revisions, 'revision')})")
    if view.in_force_number is not None and view.state.editable:
        lines += wrapped(f"agreed revision {view.in_force_number} is in force"
                         + ("; the draft changes it" if differs else ""))
    return lines


def agreement_lines(parties: Sequence[Any], signoffs: Sequence[Any]) -> list[str]:
    """Who must agree, and who signed so far."""
    lines = wrapped("must agree: " + ", ".join(p.label for p in parties))
    if signoffs:
        lines += wrapped("signed: " + ", ".join(f"{s.label} on {s.on.isoformat()}"
                                                for s in signoffs))
    return lines


def open_lines(missing: Sequence[Any], problems: Sequence[Any] = ()) -> list[str]:
    """What is missing before a document can be agreed and its problems, each under its own
    heading after an empty line (nothing when there is neither)."""
    lines: list[str] = []
    if missing:
        lines.append("")
        lines.append(f"Missing before it can be agreed ({len(missing)}):")
        for m in missing:
            lines += wrapped(f"{m.part}: {m.message}", "  ")
    if problems:
        lines.append("")
        lines.append(f"Problems ({len(problems)}):")
        for problem in problems:
            lines += wrapped(" ".join(str(problem).split()), "  ")
    return lines


def missing_line(missing: Sequence[Any], lead: str = "Still missing") -> list[str]:
    """``Still missing: part (message); ...`` wrapped, or nothing when nothing is missing."""
    if not missing:
        return []
    return wrapped(f"{lead}: " + "; ".join(f"{m.part} ({m.message})" for m in missing))


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def edited_list(current: Sequence[str], add: Sequence[str], remove: Sequence[str], *,
                remove_option: str, what: str) -> list[str]:
    """``current`` without the items of ``remove`` and with those of ``add`` at the end
    (one that is there already is not added twice)."""
    items = list(current)
    for name in remove:
        kept = [i for i in items if _key(i) != _key(name)]
        if len(kept) == len(items):
            shown = "; ".join(items) or "none"
            raise UsageError(f"{remove_option} {name!r} is not one of the {what} (they are: "
                             f"{shown})")
        items = kept
    for name in add:
        if name.strip() and _key(name) not in {_key(i) for i in items}:
            items.append(name)
    return items


@contextmanager
def named_by_option(option_of: Mapping[str, str]) -> Iterator[None]:
    """A problem of the service about one part ("review.next: ...", "scores[2].score: ...")
    as the option typed ("--next-review: ..."); ``option_of`` maps a part, without its
    indexes, to the option."""
    def renamed(text: str) -> str:
        part, sep, rest = text.partition(": ")
        option = option_of.get(part.split("[", 1)[0]) if sep else None
        return f"{option}: {rest}" if option else text

    try:
        yield
    except UsageError as exc:
        if callable(getattr(exc, "lines", None)):  # a file's problems keep their lines
            raise
        problems = getattr(exc, "problems", None)
        originals = ([" ".join(str(p).split()) for p in problems]
                     if problems and not isinstance(problems, str) else [str(exc)])
        texts = [renamed(text) for text in originals]
        if texts == originals:
            raise
        raise UsageError("; ".join(texts), topic=exc.topic, problems=texts) from None


def choice(enum: type[E], typed: str, option: str, *,
           titles: Mapping[E, str] | None = None, members: Sequence[E] | None = None) -> E:
    """The member of ``enum`` (or of ``members``, when only some may be chosen) typed as its
    value (``you-and-sre-run``), its title, or a prefix of its value only it has
    (``you-and``)."""
    key = "-".join(typed.replace("_", " ").split()).casefold()
    members = list(enum) if members is None else list(members)
    for member in members:
        if key == str(member.value).casefold():
            return member
    if titles:
        for member in members:
            if _key(typed) == _key(titles.get(member, "")):
                return member
    found = [m for m in members if key and str(m.value).casefold().startswith(key)]
    if len(found) == 1:
        return found[0]
    values = ", ".join(str(m.value) for m in members)
    if found:
        raise UsageError(f"{option} {typed!r} could be any of: "
                         f"{', '.join(str(m.value) for m in found)}; type more of it")
    raise UsageError(f"{option} {typed!r} is not one of: {values}")


# --- export and import ----------------------------------------------------------------------


def write_document(out: Path, name: str, text: str) -> Path:
    """Write ``text`` as the file ``name`` (an exporter's slug name) inside the folder
    ``out`` (created); the name cannot point outside it. Returns the path written."""
    from workbench.export.files import prepare_folder, write_atomic
    from workbench.export.names import safe_path

    target = safe_path(prepare_folder(out), name)
    write_atomic(target, text)
    return target


def check_out_folder(out: Path | None) -> Path | None:
    """``--out`` as a folder path, refused early when empty or an existing file."""
    if out is None:
        return None
    if not str(out).strip():
        raise UsageError("--out is empty; give the folder to write into")
    from workbench.export.files import check_folder

    path = Path(str(out).strip()).expanduser()
    check_folder(path)
    return path


def export_format(typed: str) -> str:
    """``md`` or ``yaml`` (``markdown`` and ``yml`` too)."""
    chosen = " ".join(typed.split()).lower().lstrip(".")
    chosen = {"markdown": "md", "yml": "yaml"}.get(chosen, chosen)
    if chosen not in ("md", "yaml"):
        raise UsageError(f"--format {typed!r} is not a format; choose md or yaml")
    return chosen


def import_line(file: Path, workspace: str, label: str, *, created: bool,
                in_force: int | None, version: int, dry_run: bool) -> str:
    """What an import that changes ``label`` ("the charter of team SRE") did, or would do
    with ``--dry-run``: start it as a draft, or save a new revision of it."""
    verb, did = ("start", "started") if created else ("save", "saved")
    rest = f"{label} as a draft" if created else f"a new revision of {label}"
    if not created and in_force is not None:
        rest += f" (a draft; agreed revision {in_force} stays in force until it is agreed)"
    if dry_run:
        return printable(f"Dry run: importing {file} into {workspace} would {verb} {rest}")
    done = f"{did} {rest}"
    return printable(f"Imported {file} into {workspace}: {done} (version {version})")
