"""gpumarket.sweep and gpumarket.load: row counts follow the design, values equal single runs."""

import math
import sqlite3

import pandas as pd
import pytest

import gpumarket

SIGMAS = [4, 8]
NOISES = [0.0, 0.05, 0.1]
REPLICATES = 2


@pytest.fixture(scope="module")
def grid(binary, tmp_path_factory):
    """A 2 × 3 grid of the baseline with 2 replicates: 12 runs."""
    out = tmp_path_factory.mktemp("grid") / "grid.sqlite"
    path = gpumarket.sweep(
        "baseline-2026",
        vary={"market.sigma": SIGMAS, "randomness.demandNoise": NOISES},
        design="grid",
        replicates=REPLICATES,
        out=out,
        jobs=2,
        set={"market.hoursPerMonth": 720},
    )
    assert path == out and out.is_file()
    return path


def test_load_has_one_row_per_run_of_the_design(grid):
    runs = gpumarket.load(grid)
    assert len(runs) == len(SIGMAS) * len(NOISES) * REPLICATES
    assert runs.index.name == "run_id"
    assert list(runs.index) == list(range(12))
    assert list(runs.columns[:5]) == ["point", "replicate", "seed", "status", "error"]
    assert runs.attrs["parameters"] == ["market.sigma", "randomness.demandNoise"]
    assert (runs["status"] == "ok").all()
    assert runs["error"].isna().all()
    assert sorted(runs.groupby("point").size().tolist()) == [REPLICATES] * 6
    cells = set(zip(runs["market.sigma"], runs["randomness.demandNoise"]))
    assert cells == {(s, n) for s in SIGMAS for n in NOISES}
    assert runs["seed"].map(type).eq(str).all()
    assert runs["share.anthropic.2026"].between(0, 1).all()


def test_a_loaded_run_equals_the_same_single_run(grid):
    runs = gpumarket.load(grid)
    row = runs[(runs["market.sigma"] == 4) & (runs["randomness.demandNoise"] == 0.1)].iloc[1]
    single = gpumarket.run(
        "baseline-2026",
        set={"market.sigma": 4, "randomness.demandNoise": 0.1, "market.hoursPerMonth": 720},
        seed=int(row["seed"]),
    )
    for name in ["share.anthropic.2026", "price.h100.2025", "hhi.2027", "compute.openai.2024"]:
        assert math.isclose(row[name], single.value(name), rel_tol=1e-12), name
    # With noise the two replicates of a point differ; without it they agree.
    noisy = runs[(runs["market.sigma"] == 4) & (runs["randomness.demandNoise"] == 0.1)]
    assert noisy["share.anthropic.2026"].nunique() == REPLICATES
    quiet = runs[(runs["market.sigma"] == 4) & (runs["randomness.demandNoise"] == 0.0)]
    assert quiet["share.anthropic.2026"].nunique() == 1


def test_load_agrees_with_the_database_tables(grid):
    runs = gpumarket.load(grid, outcomes="share.*")
    assert all(c.startswith("share.") for c in runs.columns[7:])
    connection = sqlite3.connect(grid)
    try:
        stored = pd.read_sql(
            "SELECT run_id, value FROM outcomes WHERE name = 'share.xai.2026' ORDER BY run_id",
            connection,
            index_col="run_id",
        )["value"]
    finally:
        connection.close()
    pd.testing.assert_series_equal(runs["share.xai.2026"], stored, check_names=False, rtol=1e-12)


def test_load_gives_units(grid):
    units = gpumarket.load(grid).attrs["units"]
    assert units["share.anthropic.2026"] == "fraction"
    assert units["price.h100.2026"] == "$/GPU-hour"
    assert units["spend.anthropic.2026"] == "USD"
    assert units["contracted.anthropic.google.2026"] == "H100e GPU-hours"
    assert units["usedH100e.anthropic.2026-12"] == "H100e"
    assert units["market.sigma"] == "as the scenario key"


def test_a_sobol_design_stores_n_times_d_plus_2_points(binary, tmp_path):
    path = gpumarket.sweep(
        "builtin:ishigami",
        vary={"x1": (-3.14, 3.14), "x2": (-3.14, 3.14), "x3": (-3.14, 3.14)},
        design="sobol",
        samples=4,
        replicates=2,
        out=tmp_path / "sobol.sqlite",
    )
    runs = gpumarket.load(path)
    assert len(runs) == 4 * (3 + 2) * 2
    assert runs["point"].nunique() == 20
    assert runs["x1"].between(-3.14, 3.14).all()
    # Ishigami: y = sin x1 + 7 sin² x2 + 0.1 x3⁴ sin x1.
    first = runs.iloc[0]
    expected = math.sin(first.x1) + 7 * math.sin(first.x2) ** 2 + 0.1 * first.x3**4 * math.sin(first.x1)
    assert math.isclose(first["y"], expected, rel_tol=1e-12)


def test_the_same_sweep_resumes_and_another_is_refused(grid):
    before = gpumarket.load(grid)
    again = gpumarket.sweep(
        "baseline-2026",
        vary={"market.sigma": SIGMAS, "randomness.demandNoise": NOISES},
        replicates=REPLICATES,
        out=grid,
        set={"market.hoursPerMonth": 720},
    )
    assert again == grid
    pd.testing.assert_frame_equal(before, gpumarket.load(again))
    with pytest.raises(gpumarket.InvalidInputError):
        gpumarket.sweep("baseline-2026", vary={"market.sigma": [5]}, out=grid)


def test_a_bad_vary_key_raises_with_its_key_path(binary, tmp_path):
    with pytest.raises(gpumarket.InvalidInputError) as raised:
        gpumarket.sweep("baseline-2026", vary={"market.sigmaa": [4, 8]}, out=tmp_path / "x.sqlite")
    assert "market.sigmaa" in str(raised.value)
    assert "did you mean 'sigma'" in str(raised.value)
    assert not (tmp_path / "x.sqlite").exists()


def test_vary_arguments():
    from gpumarket.sweep import vary_arguments

    assert vary_arguments({"a": [1, 2.5]}) == ["--vary", "a=1,2.5"]
    assert vary_arguments({"a": (0, 1, 3)}) == ["--vary", "a=0..1:3"]
    assert vary_arguments({"a": (0.5, 2.0)}) == ["--vary", "a=0.5..2.0"]
    assert vary_arguments({"a": "1..2:5"}) == ["--vary", "a=1..2:5"]
    assert vary_arguments(["a=1,2"]) == ["--vary", "a=1,2"]


def test_failed_runs_raise_with_the_database_or_are_loaded(binary, tmp_path):
    out = tmp_path / "failing.sqlite"
    with pytest.raises(gpumarket.RunsFailedError) as raised:
        gpumarket.sweep("builtin:failing", vary={"x1": [-1, 1, 2]}, out=out)
    assert raised.value.status == 1
    assert raised.value.database == str(out)
    assert "3 runs done, 1 failed" in str(raised.value)
    path = gpumarket.sweep("builtin:failing", vary={"x1": [-1, 1, 2]}, out=out, allow_failed=True)
    runs = gpumarket.load(path)
    assert list(runs["status"]) == ["failed", "ok", "ok"]
    assert runs.loc[0, "error"] == "invalid combination: x1 = -1.0 is negative"
    assert runs.loc[1, "error"] is None
    assert math.isnan(runs.loc[0, "y"])
    assert math.isclose(runs.loc[1, "y"], math.sin(1.0), rel_tol=1e-12)


def test_series_are_stored_only_when_asked(binary, grid, tmp_path):
    path = gpumarket.sweep("baseline-2026", vary={"market.sigma": [6]}, series=True, out=tmp_path / "s.sqlite")
    single = gpumarket.run("baseline-2026", set={"market.sigma": 6})
    with sqlite3.connect(path) as connection:
        stored = pd.read_sql_query(
            "SELECT month, value FROM series WHERE run_id = 0 AND name = 'compute.anthropic' ORDER BY month",
            connection,
        )
    expected = single.table("computeH100eHours")["anthropic"]
    assert list(stored["month"]) == list(expected.index)
    assert all(math.isclose(a, b, rel_tol=1e-12) for a, b in zip(stored["value"], expected))
    with sqlite3.connect(grid) as connection:
        assert connection.execute("SELECT count(*) FROM series").fetchone()[0] == 0


def test_a_plan_file_names_the_sweep_and_arguments_override_it(binary, repository, tmp_path):
    plan = tmp_path / "plan.yaml"
    scenario = repository / "scenarios" / "cowos-slower.yaml"
    plan.write_text(f"scenario: {scenario}\nreplicates: 2\nvary:\n  market.sigma: [4, 8]\n")

    def scenario_and_runs(path):
        with sqlite3.connect(path) as connection:
            name = connection.execute("SELECT value FROM provenance WHERE key = 'scenario_name'").fetchone()[0]
        return name, len(gpumarket.load(path))

    assert scenario_and_runs(gpumarket.sweep(plan=plan, out=tmp_path / "a.sqlite")) == ("cowos-slower", 4)
    overridden = gpumarket.sweep("baseline-2026", plan=plan, replicates=1, out=tmp_path / "b.sqlite")
    assert scenario_and_runs(overridden) == ("baseline-2026", 2)
    with pytest.raises(ValueError, match="needs a scenario"):
        gpumarket.sweep(vary={"market.sigma": [4]})
