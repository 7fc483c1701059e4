"""The SLO commands a large practice needs (issue 16): ``slo status`` without a name (every
SLO's budget this period, one line each, from one read of the counts), and an SLO document
import larger than other files."""

from __future__ import annotations


def test_every_slo_one_line_each_with_the_figures_of_its_own_status(cli):
    every = cli.json("slo", "status", "--date", "2026-11-25", "--json")
    assert every["as_of"] == "2026-11-25"
    names = [row["slo"] for row in every["slos"]]
    assert names == [s["name"] for s in cli.json("slo", "list", "--json")]
    for row in every["slos"]:
        one = cli.json("slo", "status", row["slo"], "--date", "2026-11-25", "--json")
        for key in ("total", "bad", "allowed_bad", "sli_percent", "consumed_percent",
                    "remaining_percent", "projected_exhaustion", "start", "end"):
            assert row[key] == one.get(key), (row["slo"], key)
    upi = next(r for r in every["slos"] if r["slo"] == "upi-payment-availability")
    assert upi["remaining_percent"].startswith("-67.7") and upi["projected_exhaustion"]


def test_the_table_and_a_team_filter(cli):
    table = cli.ok("slo", "status", "--date", "2026-11-25").splitlines()
    assert table[0].split() == ["SLO", "SERVICE", "OBJECTIVE", "SLI", "CONSUMED", "REMAINING",
                                "RUNS", "OUT"]
    upi = next(line for line in table if line.startswith("upi-payment-availability"))
    assert "-67.74%" in upi and upi.rstrip().endswith("yes")
    checkout = cli.json("slo", "status", "--team", "Checkout", "--json")["slos"]
    assert checkout and all(r["service"] in {"cart", "orders", "payments"} for r in checkout)


def test_options_that_need_one_slo_or_none(cli, one_line_error):
    assert "give its name" in one_line_error(cli("slo", "status", "--burn-down"), 2)
    assert "leave out the SLO name" in one_line_error(
        cli("slo", "status", "checkout-availability", "--team", "Checkout"), 2)


def test_the_slo_document_of_a_large_practice_may_be_bigger_than_other_files(cli, tmp_path):
    # a 300-team practice's slos.yaml is about 15 MiB; other imports stop at 8 MiB
    text = cli.ok("slo", "export", "--format", "yaml", "--out", str(tmp_path))
    exported = next(tmp_path.rglob("slos.yaml"))
    padded = tmp_path / "large.yaml"
    padded.write_text(exported.read_text() + "#" + "x" * (9 * 1024 * 1024) + "\n")
    assert "valid" in cli.ok("slo", "import", str(padded), "--dry-run")
    huge = tmp_path / "huge.yaml"
    with huge.open("w") as handle:
        handle.truncate(65 * 1024 * 1024)
    assert text
    result = cli("slo", "import", str(huge), "--dry-run")
    assert result.exit_code != 0 and "larger than 64 MiB" in result.output
