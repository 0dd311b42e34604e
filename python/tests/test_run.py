"""gpumarket.run against the CLI's own output for the same command."""

import io
import json
import math
import re

import pandas as pd
import pytest

import gpumarket

SIGMA = {"market.sigma": 6}
NOISE = {"randomness.demandNoise": 0.1}


def cli_summary(cli, *arguments):
    """name → value from `gpumarket run ... --format csv` on standard output."""
    completed = cli("run", *arguments, "--format", "csv")
    assert completed.returncode == 0, completed.stderr
    table = pd.read_csv(io.StringIO(completed.stdout), keep_default_na=False, na_values=["null"])
    return dict(zip(table["name"], table["value"]))


def assert_close(a, b, rel=1e-12):
    if isinstance(a, float) and math.isnan(a):
        assert isinstance(b, float) and math.isnan(b)
    else:
        assert math.isclose(a, b, rel_tol=rel, abs_tol=0.0), (a, b)


@pytest.fixture(scope="module")
def sigma6(binary):
    return gpumarket.run("baseline-2026", set=SIGMA, seed=7)


def test_summary_with_override_equals_what_the_cli_prints(cli, sigma6):
    expected = cli_summary(cli, "baseline-2026", "--set", "market.sigma=6", "--seed", "7")
    assert list(sigma6.summary["name"]) == list(expected)
    for name, value in zip(sigma6.summary["name"], sigma6.summary["value"]):
        assert_close(value, expected[name])
    assert len(expected) > 100


def test_the_override_reaches_the_model(cli, sigma6):
    plain = cli_summary(cli, "baseline-2026", "--seed", "7")
    names = set(sigma6.summary["name"])
    moved = [n for n in plain if n in names and not math.isclose(plain[n], sigma6.value(n), rel_tol=1e-9)]
    assert "price.h100.2026" in moved
    assert sigma6.provenance["overrides"] == ["market.sigma=6"]
    assert sigma6.seed == 7
    assert sigma6.scenario == "baseline-2026"


def test_series_equal_the_json_the_cli_prints(cli, sigma6):
    completed = cli("run", "baseline-2026", "--set", "market.sigma=6", "--seed", "7", "--format", "json")
    assert completed.returncode == 0, completed.stderr
    document = json.loads(completed.stdout)
    assert list(sigma6.months) == document["months"]
    prices = sigma6.table("priceUSDPerGPUHour")
    assert prices.attrs["unit"] == "$/GPU-hour"
    assert list(prices.columns) == list(document["prices"])
    for chip, values in document["prices"].items():
        for month, value in zip(document["months"], values):
            assert_close(float(prices.at[month, chip]), float("nan") if value is None else value)
    compute = sigma6.table("computeH100eHours")
    for buyer, values in document["compute"].items():
        for month, value in zip(document["months"], values):
            assert_close(float(compute.at[month, buyer]), value)
    # The forward curve: chip → tenor → monthly price.
    for chip, curve in document["forward"].items():
        for tenor, values in curve.items():
            rows = sigma6.forward[(sigma6.forward.chip == chip) & (sigma6.forward.tenor_months == int(tenor))]
            assert len(rows) == len(values)
            for got, value in zip(rows["value"], values):
                assert_close(float(got), float("nan") if value is None else value)


def test_tidy_series_have_a_unit_for_every_table(sigma6):
    series = sigma6.series
    assert list(series.columns) == ["table", "entity", "entity_kind", "month", "value", "unit"]
    tables = list(dict.fromkeys(series["table"]))
    unknown = [t for t in tables if t not in gpumarket.TABLE_UNITS]
    assert not unknown, f"tables without a unit in gpumarket.units.TABLE_UNITS: {unknown}"
    assert (series["unit"] != "").all()
    assert set(series["entity_kind"]) == {"chip", "buyer", "provider", "site", "vendor", "region", "world"}
    # One value per entity and month of every table.
    counts = series.groupby(["table", "entity"]).size()
    assert (counts == len(sigma6.months)).all()
    assert series.loc[series.table == "installedH100e", "unit"].unique().tolist() == ["H100e"]


def test_every_summary_outcome_has_a_unit(sigma6):
    summary = sigma6.summary
    missing = summary.loc[summary["unit"] == "", "name"].tolist()
    assert not missing, f"outcomes of unknown kind: {missing[:10]}"
    row = summary[summary["name"] == "share.anthropic.2026"].iloc[0]
    assert (row["kind"], row["entity"], row["period"], row["unit"]) == ("share", "anthropic", "2026", "fraction")
    row = summary[summary["name"] == "hhi.2026"].iloc[0]
    assert (row["kind"], row["entity"], row["unit"]) == ("hhi", None, "index")
    forward = summary[summary["name"].str.startswith("forward.h100.12.")].iloc[0]
    assert forward["entity"] == "h100.12"
    assert 0 < sigma6.value("share.anthropic.2026") < 1
    assert sigma6.outcomes.attrs["units"]["price.h100.2026"] == "$/GPU-hour"


def test_units_match_the_outcome_catalog_in_docs(repository):
    """docs/model.md's table of outcome kinds is generated from the model's catalog."""
    text = (repository / "docs" / "model.md").read_text(encoding="utf-8")
    block = text.split("<!-- outcomes:begin", 1)[1].split("<!-- outcomes:end", 1)[0]
    documented = {}
    for line in block.splitlines():
        match = re.match(r"^\| `(\w+)\.[^`]*` \| [^|]* \| [^|]* \| ([^|]+) \|", line)
        if match:
            documented[match.group(1)] = match.group(2).strip()
    assert len(documented) >= 20
    assert documented == gpumarket.OUTCOME_UNITS


def test_bundled_name_and_path_give_the_same_run(baseline_file):
    by_name = gpumarket.run("baseline-2026")
    by_path = gpumarket.run(baseline_file)
    pd.testing.assert_frame_equal(by_name.summary, by_path.summary, rtol=1e-12)
    pd.testing.assert_frame_equal(by_name.series, by_path.series, rtol=1e-12)


def test_seed_draws_and_repeats(binary):
    a = gpumarket.run("baseline-2026", set=NOISE, seed=1, binary=binary)
    b = gpumarket.run("baseline-2026", set=NOISE, seed=2, binary=binary)
    again = gpumarket.run("baseline-2026", set=NOISE, seed=1, binary=binary)
    assert a.value("share.anthropic.2026") != b.value("share.anthropic.2026")
    pd.testing.assert_frame_equal(a.summary, again.summary, rtol=1e-12)


def test_months_sets_the_horizon(binary):
    longer = gpumarket.run("baseline-2026", months=72)
    assert len(longer.months) == 72
    assert longer.months[-1] == "2028-12"
    assert "price.h100.2028" in set(longer.summary["name"])
    assert longer.provenance["overrides"] == ["horizon.months=72"]


def test_out_keeps_the_run_folder(tmp_path, binary):
    folder = tmp_path / "sigma6"
    kept = gpumarket.run("baseline-2026", set=["market.sigma=6"], seed=7, out=folder)
    assert sorted(p.name for p in folder.iterdir()) == [
        "provenance.json", "series.csv", "series.json", "summary.csv", "summary.json",
    ]
    again = gpumarket.read_run_folder(folder)
    pd.testing.assert_frame_equal(kept.summary, again.summary)


def test_override_values_are_written_as_yaml(binary):
    from gpumarket._cli import set_arguments, yaml_scalar

    assert yaml_scalar(True) == "true"
    assert yaml_scalar(None) == "null"
    assert yaml_scalar(0.1) == "0.1"
    assert yaml_scalar([1, 2.5]) == "[1, 2.5]"
    assert set_arguments({"a.b": 1, "c": "x"}) == ["--set", "a.b=1", "--set", "c=x"]
    # A float override runs as the same text on the command line.
    via_float = gpumarket.run("baseline-2026", set={"market.sigma": 6.5})
    via_text = gpumarket.run("baseline-2026", set=["market.sigma=6.5"])
    pd.testing.assert_frame_equal(via_float.summary, via_text.summary)
    # Every digit of a float reaches the run.
    exact = gpumarket.run("baseline-2026", set={"market.sigma": 6.123456789012345})
    assert exact.provenance["overrides"] == ["market.sigma=6.123456789012345"]
    assert exact.provenance["scenarios"][0]["resolved"]["market"]["sigma"] == 6.123456789012345


def test_warnings_of_a_run_are_kept_and_issued(binary):
    with pytest.warns(gpumarket.GpumarketWarning, match="did not clear to the tolerance in 60 month"):
        result = gpumarket.run("baseline-2026", set={"market.maxIterations": 1})
    assert len(result.warnings) == 1 and result.warnings[0].startswith("warning: the spot market")
    assert gpumarket.run("baseline-2026").warnings == ()


def test_numbers_are_read_exactly(cli, sigma6):
    """The same text parsed by Python's float: the client loses no digit (pandas before 3
    parses floats inexactly unless asked not to)."""
    completed = cli("run", "baseline-2026", "--set", "market.sigma=6", "--seed", "7", "--format", "csv")
    lines = completed.stdout.splitlines()[1:]
    exact = {name: float(text) for name, text in (line.rsplit(",", 1) for line in lines) if text != "null"}
    got = dict(zip(sigma6.summary["name"], sigma6.summary["value"]))
    assert len(exact) > 100
    assert all(got[name] == value for name, value in exact.items())
