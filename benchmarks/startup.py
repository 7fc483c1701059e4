"""Start-up benchmark: run by hand (``python benchmarks/startup.py``), not as a timed test.

Measures, each in fresh subprocesses (median of several runs):
- ``workbench --help`` against ``python -c "import typer"`` (target: within 1.5x);
- time to the first screen of the workbench (mounted, as `workbench` starts it: the database
  opens in a worker right after) against a bare Textual app that shows one
  label (target: within 1.3x); and, for information, until the demo workspace is shown.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Each app script prints the seconds from its first line until its first screen is mounted
# (imports included; run_test() returns at that point), then lets background work finish so
# the app shuts down cleanly.
BARE_APP = """
import time
t0 = time.perf_counter()
import asyncio
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("hello")

async def main():
    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        print(time.perf_counter() - t0)
        await pilot.pause()
asyncio.run(main())
"""

WORKBENCH_APP = """
import time
t0 = time.perf_counter()
import asyncio, os
from workbench.tui.app import build_app

async def main():
    # As `workbench` does: the app gets the URL and opens the database after its first paint.
    app = build_app(None, db_url=os.environ["BENCH_DB"])
    async with app.run_test(size=(80, 24)) as pilot:
        first = time.perf_counter() - t0
        assert type(app.screen).__name__ == "OpeningScreen", app.screen
        for _ in range(2):
            await app.workers.wait_for_complete()
            await pilot.pause()
        assert app.workspace is not None, "the demo workspace was not shown"
        shown = time.perf_counter() - t0
        print(shown if os.environ.get("BENCH_UNTIL") == "data" else first)
asyncio.run(main())
"""


def _time(cmd: list[str], env: dict[str, str], runs: int) -> float:
    """Median wall time of the whole command."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def _reported(cmd: list[str], env: dict[str, str], runs: int) -> float:
    """Median of the seconds the script itself prints."""
    samples = []
    for _ in range(runs):
        out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs per measurement (median)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "WORKBENCH_HOME": home}
        db_url = f"sqlite:///{Path(home) / 'bench.db'}"
        env["BENCH_DB"] = db_url
        subprocess.run([sys.executable, "-m", "workbench.cli", "--db", db_url, "demo",
                        "--no-open"], env=env, check=True, capture_output=True)
        py = sys.executable
        script = Path(py).with_name("workbench")
        workbench = [str(script)] if script.exists() else [py, "-m", "workbench.cli"]
        # Warm the OS file cache and bytecode once so the first sample is not an outlier.
        for cmd in ([py, "-c", "import typer"], [*workbench, "--help"]):
            subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)

        typer_s = _time([py, "-c", "import typer"], env, args.runs)
        help_s = _time([*workbench, "--help"], env, args.runs)
        bare_s = _reported([py, "-c", BARE_APP], env, args.runs)
        app_s = _reported([py, "-c", WORKBENCH_APP], env, args.runs)
        data_s = _reported([py, "-c", WORKBENCH_APP], {**env, "BENCH_UNTIL": "data"},
                           args.runs)

    rows = [
        ("import typer", typer_s, None, None),
        ("workbench --help", help_s, help_s / typer_s, 1.5),
        ("bare Textual app, first screen", bare_s, None, None),
        ("workbench, first screen", app_s, app_s / bare_s, 1.3),
        ("workbench, demo workspace shown", data_s, data_s / bare_s, None),
    ]
    print(f"{'measurement':34} {'median s':>9} {'ratio':>7} {'target':>7}")
    ok = True
    for name, seconds, ratio, target in rows:
        ratio_s = f"{ratio:.2f}x" if ratio else ""
        target_s = f"<{target}x" if target else ""
        print(f"{name:34} {seconds:9.3f} {ratio_s:>7} {target_s:>7}")
        if ratio and target and ratio > target:
            ok = False
    print("within targets" if ok else "OUTSIDE TARGETS")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
