"""Exit statuses become exceptions that carry the located message."""

import re
import stat

import pytest

import gpumarket
from gpumarket.errors import error_for_status, parse_locations


def test_a_misspelt_key_raises_with_its_key_path(binary):
    with pytest.raises(gpumarket.InvalidInputError) as raised:
        gpumarket.run("baseline-2026", set={"market.sigmaa": 6})
    error = raised.value
    assert error.status == 2
    assert "market.sigmaa" in str(error)
    assert "did you mean 'sigma'" in str(error)
    assert error.key_paths == ["market.sigmaa"]
    assert error.locations[0].file == "<command line>"
    assert error.command[1:3] == ["run", "baseline-2026"]
    # Also a ValueError, for code that catches the standard exceptions.
    assert isinstance(error, ValueError)


def test_a_bad_value_in_a_file_names_file_line_column_and_key(tmp_path, baseline_file, binary):
    scenario = tmp_path / "what-if.yaml"
    scenario.write_text(f"extends: {baseline_file}\nmarket:\n  sigma: -1\n", encoding="utf-8")
    with pytest.raises(gpumarket.InvalidInputError) as raised:
        gpumarket.run(scenario)
    (location,) = raised.value.locations
    assert (location.file, location.line, location.column) == (str(scenario), 3, 10)
    assert location.key_path == "market.sigma"
    assert "between 1 and 50, got -1" in location.text
    assert f"{scenario}:3:10: error: market.sigma:" in str(raised.value)


def test_every_error_of_a_file_is_reported(binary):
    # horizon.months=24 ends the baseline before four of its contracts and its H20 ban (Apr
    # 2025): one message each.
    with pytest.raises(gpumarket.InvalidInputError) as raised:
        gpumarket.run("baseline-2026", months=24)
    keys = raised.value.key_paths
    starts = [k for k in keys if re.fullmatch(r"contracts\.[\w-]+\.start", k)]
    assert len(starts) >= 4, keys
    assert set(keys) - set(starts) == {"events[1].at"}, keys
    assert all(loc.file.endswith("baseline-2026.yaml") and loc.line for loc in raised.value.locations)


def test_an_unknown_scenario_is_invalid_input(binary):
    with pytest.raises(gpumarket.InvalidInputError, match="cannot read no-such-scenario"):
        gpumarket.run("no-such-scenario")


def test_bad_usage_is_a_usage_error(binary):
    with pytest.raises(gpumarket.UsageError) as raised:
        gpumarket.compare("baseline-2026", "baseline-2026", replicates=0)
    assert raised.value.status == 64
    assert "--replicates must be between 1 and" in str(raised.value)


def test_an_unwritable_output_is_an_output_error(binary):
    with pytest.raises(gpumarket.OutputError) as raised:
        gpumarket.run("baseline-2026", out="/dev/null/run")
    assert raised.value.status == 74
    assert isinstance(raised.value, OSError)


def test_a_missing_binary_is_reported(tmp_path, monkeypatch):
    with pytest.raises(gpumarket.BinaryNotFoundError, match="not an executable"):
        gpumarket.run("baseline-2026", binary=tmp_path / "gpumarket")
    not_executable = tmp_path / "gpumarket"
    not_executable.write_text("#!/bin/sh\n")
    not_executable.chmod(stat.S_IRUSR | stat.S_IWUSR)
    monkeypatch.setenv("GPUMARKET_BIN", str(not_executable))
    with pytest.raises(gpumarket.BinaryNotFoundError, match="GPUMARKET_BIN"):
        gpumarket.run("baseline-2026")
    monkeypatch.delenv("GPUMARKET_BIN")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(gpumarket.BinaryNotFoundError, match="PATH"):
        gpumarket.find_binary()


def test_the_binary_is_found_on_path(binary, monkeypatch):
    monkeypatch.delenv("GPUMARKET_BIN")
    monkeypatch.setenv("PATH", str(binary.parent))
    assert gpumarket.find_binary() == str(binary)
    assert gpumarket.run("baseline-2026").scenario == "baseline-2026"


def test_the_exceptions_cover_the_documented_exit_statuses(cli):
    """The table every command's --help ends with, against EXIT_STATUSES."""
    completed = cli("run", "--help")
    statuses = {int(s) for s in re.findall(r"^  (\d+) {2,}\S", completed.stdout, re.MULTILINE)}
    assert statuses == {0, 1, 2, 3, 4, 5, 6, 64, 74, 130}
    assert set(gpumarket.EXIT_STATUSES) == statuses - {0}
    for status, cls in gpumarket.EXIT_STATUSES.items():
        error = error_for_status(status, ["gpumarket", "sweep"], "x.yaml:1:2: error: a.b: bad\n")
        assert type(error) is cls and error.status == status
        assert issubclass(cls, gpumarket.GpumarketError)
        assert error.key_paths == ["a.b"]
        assert f"status {status}" in str(error)
    other = error_for_status(9, ["gpumarket", "run"], "")
    assert type(other) is gpumarket.GpumarketError
    killed = error_for_status(-9, ["gpumarket", "run"], "")
    assert "signal 9" in str(killed)


def test_locations_are_parsed_with_and_without_line_numbers():
    text = (
        "s.yaml:2:29: error: contracts.deal.buyer: unknown buyer 'lac' (did you mean 'lab'?)\n"
        "<command line>: error: events[3].at: --set: index 3 is out of range\n"
        "plan.yaml: error: the plan has no parameters\n"
        "warning: the spot market did not clear\n"
    )
    first, second, third = parse_locations(text)
    assert (first.file, first.line, first.column, first.key_path) == ("s.yaml", 2, 29, "contracts.deal.buyer")
    assert first.text.startswith("unknown buyer")
    assert (second.file, second.line, second.key_path) == ("<command line>", None, "events[3].at")
    assert (third.file, third.key_path, third.text) == ("plan.yaml", None, "the plan has no parameters")
