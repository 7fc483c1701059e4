"""Scale benchmark: run by hand (``python benchmarks/scale.py``), never as a timed test.

    python benchmarks/scale.py [--teams 30,300,3000] [--runs 5] [--skip-tui] [--keep DIR]

For each size it builds the workspace with ``generate.py`` (or reuses the one cached for that
size, seed and schema in ``--keep``, default a folder under /tmp), then measures in fresh
subprocesses, each the median of ``--runs``:

- ``python -c "import sqlmodel"``, the baseline every other command is compared with;
- ``workbench teams list --json``, ``slo list``, ``slo status`` (every SLO when the command
  has an ``--all`` option, else one SLO), ``assess list``;
- the full ``workbench export``, ``slo export --format openslo`` and ``--format yaml``, and
  ``slo import`` of that YAML into an empty database;
- in the TUI (a pilot at 160x45, the app opening the database itself as ``workbench`` does):
  the first screen, each section's first rows after the database is open (keys 1 to 9),
  the budget view opened from the SLO list, moving to the end of the longest list, and the
  command palette finding a team.

It prints a Markdown table (seconds per operation and size, the ratio to the baseline, the
growth per 10x teams) and the machine. A measurement that fails or times out shows
``failed: reason`` in its cell; the others go on. Every subprocess gets
``WORKBENCH_TODAY=2026-11-25`` and a temporary ``WORKBENCH_HOME``.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import math
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
TODAY = "2026-11-25"
SEED = 16
DEFAULT_CACHE = Path(tempfile.gettempdir()) / "workbench-scale-cache"

# The TUI measurement, run in a fresh interpreter per run. It prints one JSON object: seconds
# per step, or "failed: reason". Times are polled every 2 ms in the app's own event loop.
TUI_SCRIPT = r'''
import time
T0 = time.perf_counter()
import asyncio, json, os
from datetime import date
from workbench.tui.app import build_app
from workbench.tui.sections import SECTIONS

STEP = float(os.environ["BENCH_STEP_TIMEOUT"])
results = {}
said = []  # the app's error notifications (a failed worker ends up there)


def now():
    return time.perf_counter()


async def until(check, timeout=STEP):
    start = now()
    while True:
        try:
            if check():
                return
        except Exception:
            pass
        if now() - start > timeout:
            raise TimeoutError(f"not within {timeout:g} s")
        await asyncio.sleep(0.002)


def section_id():
    return getattr(app.screen, "SECTION_ID", "")


def shown(screen):
    """The section has shown its data (its first rows, or that it has none)."""
    if hasattr(type(screen), "_shown_seq"):
        return screen._shown_seq >= 0
    from textual.widgets import DataTable
    return any(t.row_count for t in screen.query(DataTable))


async def quiet():
    """Let the previous step's workers end (not timed), so steps do not overlap."""
    try:
        await asyncio.wait_for(app.workers.wait_for_complete(), STEP)
    except Exception:
        pass
    await asyncio.sleep(0.05)


def failed(exc):
    text = " ".join(str(exc).split()) or type(exc).__name__
    return f"failed: {text[:120]}"


async def step(name, body):
    seen = len(said)
    try:
        results[name] = await body()
    except Exception as exc:
        errors = said[seen:]
        results[name] = failed(exc) + (f" (the app said: {errors[-1][:160]})" if errors else "")


def press(pilot, key):
    """Press ``key`` without waiting for the app to go idle (the pilot waits for that), so
    the polling sees the moment the screen changes."""
    return asyncio.create_task(pilot.press(key))


async def open_slos(pilot):
    if section_id() != "slos":
        await pilot.press("4")
        await until(lambda: section_id() == "slos" and shown(app.screen))
    return app.screen.query_one("#slos")


async def main(pilot):
    results["first screen"] = now() - T0
    await until(lambda: app.service is not None)  # the worker opened the database
    opened = now()
    results["database open"] = opened - T0
    first = SECTIONS[0]

    async def first_section():
        await until(lambda: section_id() == first.id and shown(app.screen))
        return now() - opened
    await step(f"section {first.key}", first_section)

    switches = {}
    for section in SECTIONS[1:]:
        await quiet()

        async def open_section(section=section):
            start = now()
            pressed = press(pilot, section.key)
            await until(lambda: section_id() == section.id)
            switches[section.key] = now() - start
            await until(lambda: shown(app.screen))
            seconds = now() - start
            await pressed
            return seconds
        await step(f"section {section.key}", open_section)
    if switches:
        slowest = max(switches, key=switches.get)
        results["slowest switch"] = switches[slowest]
        results["slowest switch key"] = slowest

    async def budget():
        await quiet()
        table = await open_slos(pilot)
        await until(lambda: table.row_count > 0)
        table.focus()
        table.move_cursor(row=0)
        await pilot.pause()
        start = now()
        pressed = press(pilot, "b")
        await until(lambda: type(app.screen).__name__ == "SloBudgetScreen"
                    and app.screen.query_one("#budget-figures").row_count > 0)
        seconds = now() - start
        await pressed
        await pilot.press("escape")
        await until(lambda: section_id() == "slos")
        return seconds
    await step("budget view", budget)

    async def scroll():
        from textual.widgets import DataTable
        await quiet()
        tables = list(app.screen.query(DataTable))
        table = max(tables, key=lambda t: t.row_count)
        table.focus()
        table.move_cursor(row=0)
        await pilot.pause()

        def at_end():
            return table.row_count > 0 and table.cursor_row == table.row_count - 1
        start = now()
        end = start
        for _ in range(10_000):  # rows loaded lazily may arrive after each move
            seen = table.row_count
            await pilot.press("ctrl+end")
            await until(at_end)
            await pilot.pause()
            end = now()
            await asyncio.sleep(0.05)
            if table.row_count == seen and at_end():
                break
        results["scroll rows"] = table.row_count
        results["scroll table"] = f"{section_id()} #{table.id}"
        return end - start
    await step("scroll to end", scroll)

    async def palette():
        from textual.command import CommandList, CommandPalette
        from textual.widgets import Input
        await quiet()
        team = os.environ["BENCH_TEAM"]
        start = now()
        pressed = press(pilot, "ctrl+p")
        await until(lambda: isinstance(app.screen, CommandPalette))
        await pressed
        app.screen.query_one(Input).value = team

        def prompts():
            hits = app.screen.query_one(CommandList)
            return [str(getattr(option, "prompt", "")) for option in hits.options]

        try:
            await until(lambda: any(team in text for text in prompts()))
        except TimeoutError as exc:
            shown = prompts() if isinstance(app.screen, CommandPalette) else []
            first = shown[0].splitlines()[0] if shown else "none"
            raise TimeoutError(f"{exc}: {team!r} not among {len(shown)} hits "
                               f"(first {first!r})") from None
        seconds = now() - start
        await pilot.press("escape")
        return seconds
    await step("palette finds a team", palette)


async def run():
    async with app.run_test(size=(160, 45)) as pilot:
        try:
            await main(pilot)
        except Exception as exc:
            results.setdefault("error", failed(exc))
        print(json.dumps(results), flush=True)
        os._exit(0)  # do not wait for database threads still running

app = build_app(None, db_url=os.environ["BENCH_DB"],
                today=date.fromisoformat(os.environ["WORKBENCH_TODAY"]))
_notify = app.notify


def notify(message, *args, **kwargs):
    if kwargs.get("severity") == "error":
        said.append(" ".join(f"{kwargs.get('title', '')}: {message}".split()))
    return _notify(message, *args, **kwargs)


app.notify = notify
asyncio.run(run())
'''

SECTION_TITLES = [("1", "Teams & services"), ("2", "Maturity"), ("3", "Story map & personas"),
                  ("4", "SLOs"), ("5", "Stakeholders"), ("6", "Budget policies"),
                  ("7", "Team charters"), ("8", "Organisation"), ("9", "On-call")]


class Failed(Exception):
    """A measurement that did not work; its message goes into the table cell."""


def one_line(text: str, limit: int = 300) -> str:
    lines = [line.strip() for line in (text or "").strip().splitlines() if line.strip()]
    last = lines[-1] if lines else "no output"
    return last if len(last) <= limit else last[: limit - 1] + "…"


# --- running things ---------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace, home: Path, scratch: Path) -> None:
        self.args = args
        self.home = home
        self.scratch = scratch
        self.py = sys.executable
        script = Path(self.py).with_name("workbench")
        self.workbench = [str(script)] if script.exists() else [self.py, "-m", "workbench.cli"]
        self.env = {**os.environ, "WORKBENCH_HOME": str(home), "WORKBENCH_TODAY": TODAY}
        self.env.pop("WORKBENCH_DB", None)

    def run(self, cmd: list[str], *, timeout: float | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        try:
            done = subprocess.run(cmd, env=env or self.env, capture_output=True, text=True,
                                  timeout=timeout or self.args.timeout)
        except subprocess.TimeoutExpired:
            raise Failed(f"timed out after {timeout or self.args.timeout:g} s") from None
        if done.returncode != 0:
            raise Failed(f"exit {done.returncode}: {one_line(done.stderr or done.stdout)}")
        return done

    def median(self, cmd: Callable[[], list[str]] | list[str],
               prepare: Callable[[], None] | None = None,
               cleanup: Callable[[], None] | None = None) -> float | str:
        """Median wall time of ``cmd`` over ``--runs`` fresh processes, or "failed: ..."."""
        samples = []
        for _ in range(self.args.runs):
            if prepare is not None:
                prepare()
            argv = cmd() if callable(cmd) else cmd
            start = time.perf_counter()
            try:
                self.run(argv)
            except Failed as exc:
                return f"failed: {exc}"
            finally:
                if cleanup is not None:
                    cleanup()
            samples.append(time.perf_counter() - start)
        return statistics.median(samples)

    def wb(self, url: str, *args: str) -> list[str]:
        return [*self.workbench, "--db", url, *args]


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def generator_stamp(teams: int) -> dict[str, object]:
    """What a cached workspace depends on: the generator's code, the schema, seed and day."""
    from workbench.store.migrate import HEAD_REVISION

    digest = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()
    return {"teams": teams, "seed": SEED, "today": TODAY, "schema": HEAD_REVISION,
            "generator": digest}


def workspace_for(bench: Bench, teams: int, cache: Path) -> tuple[Path, str]:
    """The cached database of ``teams`` teams (built first if missing or stale) and how it
    came about."""
    cache.mkdir(parents=True, exist_ok=True)
    db = cache / f"teams-{teams}.db"
    stamp_file = cache / f"teams-{teams}.json"
    stamp = generator_stamp(teams)
    with contextlib.suppress(OSError, ValueError):
        if db.exists() and json.loads(stamp_file.read_text()) == stamp:
            return db, "cached"
    stamp_file.unlink(missing_ok=True)
    print(f"generating {teams} teams into {db}", file=sys.stderr, flush=True)
    start = time.perf_counter()
    done = subprocess.run(
        [bench.py, str(HERE / "generate.py"), "--teams", str(teams), "--db", str(db),
         "--seed", str(SEED), "--today", TODAY, "--force"],
        env=bench.env, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"error: generate.py failed for {teams} teams")
    seconds = time.perf_counter() - start
    stamp_file.write_text(json.dumps(stamp))
    summary = done.stdout.strip().splitlines()[0] if done.stdout.strip() else "done"
    return db, f"generated now: {summary}; {seconds:.1f} s with the interpreter's start"


# --- one size ---------------------------------------------------------------------------


def measure_size(bench: Bench, teams: int,
                 db: Path) -> tuple[dict[str, float | str], dict[str, str]]:
    """Every measurement at one size, and notes for some cells (which SLO, key, rows)."""
    import generate  # benchmarks/generate.py, for the names it gives

    url = sqlite_url(db)
    results: dict[str, float | str] = {}
    notes: dict[str, str] = {}
    say = lambda text: print(f"  [{teams} teams] {text}", file=sys.stderr, flush=True)  # noqa: E731

    # Warm the OS file cache and bytecode once, and learn a team's name for the palette.
    team_name = generate.plan_team(SEED, max(1, teams // 2), generate.DEFAULT_TODAY, []).name
    try:
        listed = json.loads(bench.run(bench.wb(url, "teams", "list", "--json")).stdout)
        names = [t["name"] for t in listed]
        if names:
            team_name = names[len(names) // 2]
    except (Failed, ValueError, KeyError, TypeError) as exc:
        say(f"warm-up failed: {exc}")
    bench.run([bench.py, "-c", "import sqlmodel"])

    def timed(label: str, *args, **kwargs) -> None:
        say(label)
        results[label] = bench.median(*args, **kwargs)

    timed('python -c "import sqlmodel"', [bench.py, "-c", "import sqlmodel"])
    timed("workbench teams list --json", bench.wb(url, "teams", "list", "--json"))
    timed("workbench slo list", bench.wb(url, "slo", "list"))
    timed("workbench slo status (all SLOs)", bench.wb(url, "slo", "status"))
    timed("workbench assess list", bench.wb(url, "assess", "list"))

    out = bench.scratch / "out"

    def clear_out() -> None:
        shutil.rmtree(out, ignore_errors=True)

    timed("workbench export --out DIR (md,yaml)", bench.wb(url, "export", "--out", str(out)),
          prepare=clear_out, cleanup=clear_out)
    timed("workbench slo export --format openslo",
          bench.wb(url, "slo", "export", "--format", "openslo", "--out", str(out)),
          prepare=clear_out, cleanup=clear_out)

    # The native YAML: exported once more to keep, then imported into empty databases.
    native = bench.scratch / "native"
    shutil.rmtree(native, ignore_errors=True)
    timed("workbench slo export --format yaml",
          bench.wb(url, "slo", "export", "--format", "yaml", "--out", str(out)),
          prepare=clear_out, cleanup=clear_out)
    import_label = "workbench slo import FILE (into an empty database)"
    try:
        try:
            bench.run(bench.wb(url, "slo", "import", "--help"))
        except Failed:
            raise Failed("no slo import command for the exported YAML") from None
        bench.run(bench.wb(url, "slo", "export", "--format", "yaml", "--out", str(native)))
        files = sorted(native.rglob("*.yaml"))
        if not files:
            raise Failed("the YAML export wrote no .yaml file")
        target = bench.scratch / "import.db"

        def empty_db() -> None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            bench.run(bench.wb(sqlite_url(target), "init", "Import target"))

        timed(import_label, bench.wb(sqlite_url(target), "slo", "import", str(files[0])),
              prepare=empty_db)
    except Failed as exc:
        results[import_label] = f"skipped: {exc}"

    if not bench.args.skip_tui:
        say("TUI")
        results.update(measure_tui(bench, url, team_name, notes))
    return results, notes


def tui_label(key: str) -> str:
    if key == "first screen":
        return "TUI: first screen (from process start)"
    if key == "database open":
        return "TUI: database open (from process start)"
    if key.startswith("section "):
        number = key.split()[1]
        title = dict(SECTION_TITLES).get(number, number)
        when = "after the database is open" if number == "1" else "after its key"
        return f"TUI: {number} {title}: first rows {when}"
    return {"slowest switch": "TUI: slowest key to section screen (before data)",
            "budget view": "TUI: budget view from the SLO list (b)",
            "scroll to end": "TUI: to the end of the longest list (ctrl+end)",
            "palette finds a team": "TUI: palette finds a team",
            "error": "TUI: error"}.get(key, f"TUI: {key}")


def measure_tui(bench: Bench, url: str, team: str,
                notes: dict[str, str]) -> dict[str, float | str]:
    """The TUI steps (median over ``--runs`` app processes); ``notes`` gets what a cell
    should say besides its seconds (which key, how many rows)."""
    env = {**bench.env, "BENCH_DB": url, "BENCH_TEAM": team,
           "BENCH_STEP_TIMEOUT": str(bench.args.tui_timeout)}
    runs: list[dict] = []
    for _ in range(bench.args.runs):
        try:
            done = bench.run([bench.py, "-c", TUI_SCRIPT], env=env,
                             timeout=bench.args.tui_timeout * 16)
            runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        except (Failed, ValueError, IndexError) as exc:
            return {"TUI: run": f"failed: {exc}"}
    results: dict[str, float | str] = {}
    keys = list(dict.fromkeys(k for run in runs for k in run))
    extra = {k: runs[-1].get(k) for k in ("scroll rows", "scroll table", "slowest switch key")}
    for key in keys:
        if key in extra:
            continue
        values = [run.get(key, "failed: not measured") for run in runs]
        failures = [v for v in values if not isinstance(v, int | float)]
        label = tui_label(key)
        results[label] = str(failures[0]) if failures else statistics.median(values)
        if key == "scroll to end" and extra["scroll rows"] is not None:
            notes[label] = f"{extra['scroll rows']:,} rows, {extra['scroll table']}"
        if key == "slowest switch" and extra["slowest switch key"]:
            notes[label] = f"key {extra['slowest switch key']}"
    return results


# --- the report -------------------------------------------------------------------------


def seconds_text(value: float | str | None, note: str | None = None) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        text = value.replace("|", "/")
        return text if len(text) <= 60 else text[:59] + "… (see below)"
    if note:
        return f"{seconds_text(value)} ({note})"
    if value < 1:
        return f"{value:.3f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def machine() -> list[str]:
    model = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 0
    return [f"- CPUs (nproc): {cpus}; CPU: {model}",
            f"- Python {platform.python_version()} ({platform.python_implementation()}), "
            f"SQLite {sqlite3.sqlite_version}, {platform.system()} {platform.release()}"]


def report(sizes: list[int], results: dict[int, dict[str, float | str]],
           notes: dict[int, dict[str, str]], origins: dict[int, str], runs: int) -> str:
    baseline_key = 'python -c "import sqlmodel"'
    operations = list(dict.fromkeys(op for size in sizes for op in results[size]))
    header = ["operation"]
    for i, size in enumerate(sizes):
        header += [f"{size} teams (s)", "x base"]
        if i:
            header.append(f"per 10x ({sizes[i - 1]}→{size})")
    lines = [f"### Scale benchmark (median of {runs} runs, seconds)", "",
             "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for op in operations:
        cells = [op.replace("|", "/")]
        for i, size in enumerate(sizes):
            value = results[size].get(op)
            base = results[size].get(baseline_key)
            cells.append(seconds_text(value, notes[size].get(op)))
            ratio = (f"{value / base:.2f}x" if isinstance(value, float)
                     and isinstance(base, float) and base > 0 and not op.startswith("TUI: ")
                     and op != baseline_key else "")
            cells.append(ratio)
            if i:
                before = results[sizes[i - 1]].get(op)
                growth = ""
                if isinstance(value, float) and isinstance(before, float) and before > 0:
                    factor = (value / before) ** (1 / math.log10(size / sizes[i - 1]))
                    growth = f"{factor:.1f}x"
                cells.append(growth)
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "x base: the command's time over `python -c \"import sqlmodel\"` in the same "
              "run. per 10x: how much longer the operation takes per tenfold teams.",
              "TUI rows are measured inside one app process (the first two from its start).",
              ""]
    problems = [(size, op, value) for size in sizes for op, value in results[size].items()
                if isinstance(value, str)]
    if problems:
        lines.append("Failed or skipped:")
        lines += [f"- {size} teams, {op}: {value}" for size, op, value in problems]
        lines.append("")
    lines.append("Workspaces:")
    lines += [f"- {size} teams: {origins[size]}" for size in sizes]
    lines += ["", "Machine:", *machine()]
    if 300 in sizes:
        lines += ["", *goals(results[300])]
    return "\n".join(lines)


def goals(at300: dict[str, float | str]) -> list[str]:
    """The targets of issue 16 at 300 teams, met or not."""
    base = at300.get('python -c "import sqlmodel"')
    out = ["Goals at 300 teams (issue 16):"]

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    if isinstance(base, float):
        for op in ("workbench teams list --json", "workbench slo list", "workbench assess list"):
            value = at300.get(op)
            if isinstance(value, float):
                out.append(f"- {op} under 1.3x the baseline: {value / base:.2f}x, "
                           f"{verdict(value < 1.3 * base)}")
    export = at300.get("workbench export --out DIR (md,yaml)")
    if isinstance(export, float):
        out.append(f"- full export under 3 s: {export:.2f} s, {verdict(export < 3)}")
    sections = {k: v for k, v in at300.items() if k.startswith("TUI: ") and ": first rows" in k}
    if sections:
        slow = {k: v for k, v in sections.items() if not isinstance(v, float) or v >= 0.1}
        worst = max((v for v in sections.values() if isinstance(v, float)), default=None)
        out.append(f"- every TUI section's first rows within 100 ms: {verdict(not slow)}"
                   + (f" (slowest {worst:.3f} s)" if worst is not None else ""))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", default="30,300,3000",
                        help="comma-separated workspace sizes (default 30,300,3000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement (median)")
    parser.add_argument("--skip-tui", action="store_true", help="leave out the TUI")
    parser.add_argument("--keep", type=Path, default=None,
                        help=f"folder of the generated workspaces (default {DEFAULT_CACHE}); "
                             "reused while the generator, schema and seed are unchanged")
    parser.add_argument("--timeout", type=float, default=900,
                        help="seconds one command may take before it counts as failed")
    parser.add_argument("--tui-timeout", type=float, default=180,
                        help="seconds one TUI step may take before it counts as failed")
    args = parser.parse_args()
    try:
        sizes = sorted({int(part) for part in args.teams.split(",") if part.strip()})
    except ValueError:
        parser.error("--teams takes whole numbers, e.g. 30,300")
    if not sizes or min(sizes) < 1 or args.runs < 1:
        parser.error("give at least one size of 1 team or more, and --runs 1 or more")
    sys.path.insert(0, str(HERE))
    cache = args.keep or DEFAULT_CACHE
    results: dict[int, dict[str, float | str]] = {}
    notes: dict[int, dict[str, str]] = {}
    origins: dict[int, str] = {}
    with tempfile.TemporaryDirectory(prefix="workbench-scale-") as tmp:
        home, scratch = Path(tmp) / "home", Path(tmp) / "scratch"
        home.mkdir()
        scratch.mkdir()
        bench = Bench(args, home, scratch)
        for size in sizes:
            db, origins[size] = workspace_for(bench, size, cache)
            results[size], notes[size] = measure_size(bench, size, db)
    print(report(sizes, results, notes, origins, args.runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
