"""gpumarket.compare: paired differences, checked against single runs and the replicates."""

import math

import pytest

import gpumarket
from gpumarket.compare import DIFFERENCE_COLUMNS

NOISE = {"randomness.demandNoise": 0.1}


def test_identical_scenarios_differ_by_zero(binary, baseline_file):
    table = gpumarket.compare("baseline-2026", baseline_file, replicates=3, set=NOISE)
    assert list(table.columns) == DIFFERENCE_COLUMNS
    assert len(table) > 20
    assert (table["reference"] == "baseline-2026").all()
    assert (table["scenario"] == "baseline-2026 (2)").all()
    assert (table["difference"] == 0).all()
    assert (table["difference_low"] == 0).all() and (table["difference_high"] == 0).all()
    assert (table["mean"] == table["reference_mean"]).all()
    # With noise the replicates differ, so the means have intervals of their own.
    assert (table.loc[table.outcome.str.startswith("share."), "half_width"] > 0).all()


def test_one_replicate_differences_equal_two_single_runs(binary):
    table = gpumarket.compare(
        "baseline-2026", "counterfactual-no-colossus", seed=3, outcomes=["share.*.2026", "hhi.2026"]
    )
    a = gpumarket.run("baseline-2026", seed=3)
    b = gpumarket.run("counterfactual-no-colossus", seed=3)
    assert set(table["outcome"]) >= {"share.anthropic.2026", "share.xai.2026", "hhi.2026"}
    for row in table.itertuples():
        assert math.isclose(row.reference_mean, a.value(row.outcome), rel_tol=1e-12)
        assert math.isclose(row.mean, b.value(row.outcome), rel_tol=1e-12)
        assert math.isclose(row.difference, b.value(row.outcome) - a.value(row.outcome), rel_tol=1e-9, abs_tol=1e-12)
        assert math.isnan(row.difference_low) and math.isnan(row.half_width)
    xai = table.set_index("outcome").loc["share.xai.2026"]
    assert xai["difference"] > 0.001  # Colossus's compute goes to xAI without the contract.
    assert xai["unit"] == "fraction"


def test_the_differences_are_paired_over_the_replicates(binary, tmp_path):
    table = gpumarket.compare(
        "baseline-2026", "counterfactual-no-colossus", "cowos-slower",
        replicates=4, set=NOISE, outcomes=["share.anthropic.2026", "price.h100.2026"],
        out=tmp_path / "cmp",
    )
    assert len(table) == 2 * 2
    assert set(table["scenario"]) == {"counterfactual-no-colossus", "cowos-slower"}
    folder = gpumarket.read_compare_folder(tmp_path / "cmp")
    assert folder.differences.equals(table)
    values = folder.replicates.pivot_table(index=["outcome", "replicate"], columns="scenario", values="value")
    assert folder.replicates.groupby("replicate")["seed"].nunique().eq(1).all()  # common seeds
    for row in table.itertuples():
        paired = values.loc[row.outcome][row.scenario] - values.loc[row.outcome][row.reference]
        assert len(paired) == 4
        assert math.isclose(row.difference, paired.mean(), rel_tol=1e-9)
        # Student-t interval with 3 degrees of freedom: t(0.975, 3) = 3.182446305284263.
        half = 3.182446305284263 * paired.std(ddof=1) / 2
        assert math.isclose(row.difference_high - row.difference, half, rel_tol=1e-6)
        assert math.isclose(row.difference - row.difference_low, half, rel_tol=1e-6)
    assert set(folder.series["series"]) >= {"price.h100", "compute.anthropic"}
    assert folder.series.loc[folder.series.series == "price.h100", "unit"].unique().tolist() == ["$/GPU-hour"]
    assert folder.provenance["replicates"] == 4
    assert len(folder.events) > 0


def test_a_bad_outcome_raises(binary):
    with pytest.raises(gpumarket.InvalidInputError, match="matches no outcome"):
        gpumarket.compare("baseline-2026", "cowos-slower", outcomes="nosuch.*")


def test_replicates_without_randomness_warn(binary):
    with pytest.warns(gpumarket.GpumarketWarning, match="gave identical outcomes"):
        table = gpumarket.compare("baseline-2026", "cowos-slower", replicates=2, outcomes="hhi.2026")
    assert table.loc[0, "half_width"] == 0


def test_year_chooses_the_default_outcomes_and_the_note_is_kept(binary):
    table = gpumarket.compare("baseline-2026", "cowos-slower", year=2027)
    assert len(table) > 10
    assert table["outcome"].str.endswith(".2027").all()
    assert "common random numbers" in table.attrs["note"]
