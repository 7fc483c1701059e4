"""Editing a document as its native YAML on the command line: in the user's ``$EDITOR``, or
from a file (``--file``), without ever losing what was typed. The policy, charter and
organisation commands share it.

Decisions:
- The editor is ``$VISUAL``, else ``$EDITOR``, else vi (Notepad on Windows), split like a
  shell would split it (``code --wait``) but never run by a shell. Typer has no editor
  helper of its own.
- The text is edited in a temporary file. An edit that does not read, that the service
  refuses, or whose editor ended with an error is kept in a file under the data folder
  (``drafts/<label>-<moment>.yaml``) whose path is printed with the command that loads it
  again once fixed (``... --file KEPT``).
- A file (``--file``, ``import``) is checked whole first and every problem printed on its
  own line (``FILE:LINE: key.path: message``), then the count; nothing is written unless all
  of it is valid. A single problem is the usual one ``error:`` line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any, TypeVar

import typer

from workbench.commands.common import (
    error_line,
    exit_with_problems,
    file_problem_lines,
    now,
    printable,
    read_text_file,
)
from workbench.errors import UsageError, WorkbenchError

T = TypeVar("T")
R = TypeVar("R")


def quoted(text: str) -> str:
    """``text`` as one word of a command line to copy."""
    import shlex

    return shlex.quote(text)


def problem_lines(exc: Exception, source: str | None = None) -> list[str]:
    """Every problem of an error on its own line: a file's ``FILE:LINE: path: message``
    lines; else the service's problems (its ``problems`` when it has them, else its
    message), each as ``SOURCE: part: message`` or, without a
    source, ``error: part: message``."""
    if callable(getattr(exc, "lines", None)):
        return file_problem_lines(exc)
    problems = getattr(exc, "problems", None)
    if problems and not isinstance(problems, str):
        texts = [" ".join(str(p).split()) for p in problems]
    else:
        texts = [" ".join(str(exc).split())]
    prefix = f"{source}: " if source else "error: "
    return [printable(prefix + text) for text in texts]


@contextmanager
def each_problem(source: str | None, nothing: str) -> Iterator[None]:
    """Several problems of the service, one line each, then the count; one problem is left
    to the usual one ``error:`` line."""
    try:
        yield
    except UsageError as exc:
        lines = problem_lines(exc, source)
        if len(lines) < 2:
            raise
        exit_with_problems(lines, where=f" in {printable(source)}" if source else "",
                           nothing=nothing, code=exc.exit_code)


def by_option(given: Sequence[Any], file: Path | None, document: str) -> bool:
    """Whether any of the options that change a part was ``given``; they are refused
    together with ``--file``, which replaces the whole ``document`` ("charter")."""
    options = any(value not in (None, []) for value in given)
    if file is not None and options:
        raise UsageError(f"--file replaces the whole {document}; give it without the other "
                         "options (or change the parts by option without --file)")
    return options


def load_file(file: Path, read_path: Callable[[Path], T], *, nothing: str) -> T:
    """The document ``read_path`` reads from ``file``; every problem on its own line, then
    the count and ``nothing`` ("nothing was imported"), and exit with the error's code."""
    source = str(file).strip()
    try:
        return read_path(file)
    except UsageError as exc:
        lines = file_problem_lines(exc)
        if len(lines) < 2:
            raise
        exit_with_problems(lines, where=f" in {printable(source)}", nothing=nothing,
                           code=exc.exit_code)


# --- the editor ----------------------------------------------------------------------------


def editor_command() -> list[str]:
    """The user's editor as a command line: ``$VISUAL``, else ``$EDITOR``, else vi (Notepad
    on Windows). Split like a shell would (``code --wait``), but never run by a shell."""
    import os
    import shlex

    raw = (os.environ.get("VISUAL") or os.environ.get("EDITOR") or "").strip()
    if not raw:
        return ["notepad"] if os.name == "nt" else ["vi"]
    try:
        return shlex.split(raw, posix=os.name != "nt")
    except ValueError:
        raise UsageError(f"cannot read the editor command {raw!r} (an unclosed quote?); fix "
                         "$EDITOR") from None


def run_editor(text: str, label: str, what: str = "the document") -> tuple[str | None, bool]:
    """Open ``text`` in the user's editor, in a temporary file named after ``label``
    (``policy-checkout``); (the text as saved, or None when the file was not changed;
    whether the editor ended well). ``what`` names the document in the message when the
    editor cannot start ("the policy")."""
    import os
    import subprocess
    import tempfile

    command = editor_command()
    fd, path = tempfile.mkstemp(prefix=f"workbench-{label}-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            code = subprocess.call([*command, path])
        except OSError as exc:
            raise UsageError(f"cannot start the editor {command[0]!r}: "
                             f"{exc.strerror or exc}; set $EDITOR to your editor, or change "
                             f"{what} by option or with --file") from None
        edited = read_text_file(path, what=f"the edited {what.removeprefix('the ')}")
    finally:
        with suppress(OSError):
            os.unlink(path)
    return (None if edited == text else edited), code == 0


def kept_path(label: str) -> Path:
    """Where an edit that could not be saved is kept: the data folder's ``drafts/``."""
    from workbench.paths import home

    stamp = now().strftime("%Y%m%dT%H%M%SZ")
    return home() / "drafts" / f"{label}-{stamp}.yaml"


def keep(text: str, path: Path) -> Path:
    """Keep an edit that was not saved at ``path``; returns it."""
    from workbench.paths import write_text_atomically

    try:
        write_text_atomically(path, text)
    except OSError as exc:
        raise UsageError(f"nothing was saved, and your edit could not be kept in {path}: "
                         f"{exc.strerror or exc}") from None
    return path


def edit_in_editor(text: str, *, label: str, what: str, load_with: str,
                   read: Callable[[str, str], T], save: Callable[[T], R]) -> R | None:
    """Let the user edit ``text`` (a document's YAML) in their editor, then ``read`` it
    (``read(text, source)``, raising a ``UsageError`` with every problem) and ``save`` it.

    Returns what ``save`` returns (it must not be None), or None when the editor changed
    nothing. Whatever goes wrong after the user typed something (the editor failed, the text
    does not read, the service refuses it) keeps the text under ``drafts/`` and exits with
    the problems and the command that loads it again (``load_with`` + ``--file KEPT``)."""
    edited, ended_well = run_editor(text, label, what)
    if edited is not None and not ended_well:
        kept = keep(edited, kept_path(label))
        raise UsageError(f"the editor ended with an error; nothing was saved; your edit is "
                         f"kept in {kept}: load it with: {load_with} --file "
                         f"{quoted(str(kept))}")
    if edited is None:
        return None
    kept = kept_path(label)
    try:
        return save(read(edited, str(kept)))
    except WorkbenchError as exc:
        keep(edited, kept)
        lines = (problem_lines(exc, str(kept)) if isinstance(exc, UsageError)
                 else [error_line(exc)])
        for line in lines:  # FILE:LINE: path: message, one each
            typer.echo(line, err=True)
        typer.echo(f"error: nothing was saved; your edit is kept in {kept}: fix it and load "
                   f"it with: {load_with} --file {quoted(str(kept))}", err=True)
        raise typer.Exit(exc.exit_code) from None


def label_of(prefix: str, name: str | None) -> str:
    """A draft's label: ``prefix`` and the slug of ``name`` (``charter-checkout``)."""
    from workbench.export.names import slugify

    return f"{prefix}-{slugify(name)}"


__all__ = ["by_option", "each_problem", "edit_in_editor", "editor_command", "keep", "kept_path",
           "label_of", "load_file", "problem_lines", "quoted", "run_editor"]
