"""On-call benchmark: run by hand (``python benchmarks/oncall.py``), not as a timed test.

Measures in one process, median of several runs, and prints ratios (absolute times depend on
the machine):
- ``wb.oncall.view`` of the demo's Checkout agreement (8 weeks of a 24x7 main + backup
  rotation generated and weighed) against ``wb.charters.view`` of the Checkout charter: the
  on-call page should cost about as much as another document page (target: within 3x);
- generating and weighing 104 weeks of daily turns of a 24x7 main + two backups rotation in
  Europe/Berlin (728 turns, two daylight-saving changes) against 8 weeks of it: generation
  should grow linearly with the horizon (target: at most 1.5x the 13x the weeks give).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.domain.oncall import Coverage, Rotation, Rules, Shape
from workbench.domain.oncall.fairness import fairness
from workbench.domain.oncall.schedule import generate

DAY = date(2026, 11, 25)


def median_seconds(fn, runs: int = 7) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    from workbench.service import Workbench
    from workbench.store.db import transaction
    from workbench.store.demo import create_demo
    from workbench.store.session import open_database

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{folder}/bench.db", remember=False)
        with transaction(db.engine) as session:
            workspace, _ = create_demo(session, DAY)
        wb = Workbench(db.engine, today=DAY)
        oncall = median_seconds(lambda: wb.oncall.view(workspace.id, "Checkout"))
        charter = median_seconds(lambda: wb.charters.view(workspace.id, "Checkout"))
        db.engine.dispose()
    print(f"on-call page / charter page: {oncall / charter:.2f}x "
          f"({oncall * 1000:.1f} ms / {charter * 1000:.1f} ms)")

    rotation = Rotation("Bench", members=tuple(f"P{n}" for n in range(9)),
                        shape=Shape.MAIN_TWO_BACKUPS, coverage=Coverage.H24X7, turn_days=1,
                        zone="Europe/Berlin", start=date(2027, 1, 4))

    def weigh(weeks: int):
        return lambda: fairness(generate(rotation, since=date(2027, 1, 4), weeks=weeks),
                                Rules())
    short, long = median_seconds(weigh(8)), median_seconds(weigh(104), runs=3)
    print(f"104 weeks / 8 weeks of daily turns: {long / short:.1f}x for 13x the weeks "
          f"({long * 1000:.0f} ms / {short * 1000:.1f} ms)")


if __name__ == "__main__":
    main()
