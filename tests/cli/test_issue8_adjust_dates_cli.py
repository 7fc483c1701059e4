"""Issue 8: ``workbench slo adjust maintenance --start`` and ``correction --from/--to`` take
ASCII ``YYYY-MM-DD`` dates only (the one date reader of ``workbench.domain.formats``): the
audit's ``--start`` in fullwidth and Arabic-Indic digits was saved as 2026-11-25 01:00, and
a correction from the ISO week date ``2026-W48-3`` as the same day. Now each is refused with
one line, exit 2, and nothing is saved."""

from __future__ import annotations

SLO = "tracking-availability"
FULLWIDTH_2026 = "\uff12\uff10\uff12\uff16"  # "2026" in fullwidth digits
ODD_START = f"{FULLWIDTH_2026}-11-2\u0665 01:00"  # the last digit Arabic-Indic five


def adjustments(cli) -> list:
    return cli.json("slo", "adjust", "list", "--all", "--json")


def test_a_start_in_other_digits_is_refused_and_nothing_saved(cli, one_line_error):
    before = adjustments(cli)
    line = one_line_error(cli("slo", "adjust", "maintenance", "--slo", SLO, "--start",
                              ODD_START, "--minutes", "60", "--reason", "patching"), 2)
    assert line == (f"error: --start: {ODD_START!r} is not a date and time (use YYYY-MM-DD "
                    "HH:MM, wall-clock time in the window's zone)")
    assert adjustments(cli) == before


def test_a_correction_from_a_week_date_is_refused_and_nothing_saved(cli):
    before = adjustments(cli)
    result = cli("slo", "adjust", "correction", "--slo", SLO, "--from", "2026-W48-3",
                 "--reason", "provider outage")
    assert result.exit_code == 2 and "Traceback" not in result.output
    lines = result.stderr.splitlines()
    assert "error: --from: '2026-W48-3' is not a day (use YYYY-MM-DD)" in lines
    assert all(line.startswith("error: ") for line in lines)
    assert adjustments(cli) == before


def test_the_same_window_in_ascii_digits_is_saved(cli):
    before = adjustments(cli)
    cli.ok("slo", "adjust", "maintenance", "--slo", SLO, "--start", "2026-11-25 01:00",
           "--minutes", "60", "--reason", "patching")
    [added] = [a for a in adjustments(cli) if a not in before]
    assert added["start"] == "2026-11-25 01:00"
