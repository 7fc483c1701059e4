"""Start-up benchmark: run by hand (``python benchmarks/startup.py``), not as a timed test.

Measures, each in fresh subprocesses (median of several runs):
- ``workbench --help`` against ``python -c "import typer"`` (target: within 1.5x);
- time to the first screen of the workbench, with the demo workspace loaded and shown,
  against a bare Textual app that shows one label (target: within 1.3x).
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

BARE_APP = """
import time, asyncio
t0 = time.perf_counter()
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("hello")

async def main():
    app = Bare()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
asyncio.run(main())
"""

WORKBENCH_APP = """
import time, asyncio, os
t0 = time.perf_counter()
from workbench.store.session import open_database
from workbench.tui.app import build_app

async def main():
    db = open_database(os.environ["BENCH_DB"], remember=False)
    app = build_app(db.engine, db_url=db.url, workspace_id=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
asyncio.run(main())
"""


def _time(cmd: list[str], env: dict[str, str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
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
        bare_s = _time([py, "-c", BARE_APP], env, args.runs)
        app_s = _time([py, "-c", WORKBENCH_APP], env, args.runs)

    rows = [
        ("import typer", typer_s, None, None),
        ("workbench --help", help_s, help_s / typer_s, 1.5),
        ("bare Textual app, first screen", bare_s, None, None),
        ("workbench, first screen (demo)", app_s, app_s / bare_s, 1.3),
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
