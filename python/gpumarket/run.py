"""``gpumarket.run``: one run of a scenario as pandas DataFrames."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Dict, Optional

import pandas as pd

from ._csv import read_csv
from ._cli import Overrides, PathLike, invoke, scenario_argument, set_arguments
from .errors import issue_warnings
from .units import TABLE_UNITS, outcome_unit, split_outcome, table_unit

__all__ = ["RunResult", "run", "read_run_folder"]


@dataclass(frozen=True)
class RunResult:
    """What ``gpumarket run`` produced.

    Attributes:
        series: every monthly table in long form, one row per (table, entity, month):
            columns ``table`` (e.g. ``priceUSDPerGPUHour``), ``entity`` (a chip, buyer, provider,
            site, vendor or region id, or ``world``), ``entity_kind`` (``chip``, ``buyer``,
            ``provider``, ``site``, ``vendor``, ``region``, ``world``),
            ``month`` (``YYYY-MM``, the first month of the step), ``value`` (float; NaN where a
            price is undefined because nothing was sold) and ``unit``.
        summary: the run's named outcomes in the model's order: ``name``
            (``share.anthropic.2026``), ``kind``, ``entity``, ``period``, ``value`` and ``unit``.
        forward: the posted forward curve, one row per (chip, tenor, month): ``chip``,
            ``tenor_months``, ``month``, ``value`` ($/GPU-hour, NaN where not offered), ``unit``.
        scenario: the scenario's name; ``seed``: the seed used; ``months``: the step months.
        provenance: the run folder's provenance.json (version, date, overrides, the resolved
            scenario and its digest).
        warnings: what the run wrote on standard error, line by line (e.g. months whose spot
            market did not clear to the tolerance); each is also issued as a
            :class:`GpumarketWarning`.
    """

    series: pd.DataFrame
    summary: pd.DataFrame
    forward: pd.DataFrame
    scenario: str
    seed: int
    months: tuple
    provenance: Dict[str, Any] = field(repr=False)
    warnings: tuple = ()

    def table(self, name: str) -> pd.DataFrame:
        """One monthly table wide: months as rows, entities as columns (in scenario order);
        its unit in ``.attrs["unit"]``."""
        rows = self.series[self.series["table"] == name]
        if rows.empty:
            known = ", ".join(self.series["table"].unique())
            raise KeyError(f"no table {name!r}; the run has: {known}")
        wide = rows.pivot(index="month", columns="entity", values="value")
        wide = wide[list(dict.fromkeys(rows["entity"]))]
        wide.columns.name = None
        wide.attrs["unit"] = rows["unit"].iloc[0]
        return wide

    def value(self, name: str) -> float:
        """One named outcome's value, e.g. ``result.value("share.anthropic.2026")``."""
        match = self.summary.loc[self.summary["name"] == name, "value"]
        if match.empty:
            raise KeyError(f"no outcome {name!r} in the summary of {self.scenario}")
        return float(match.iloc[0])

    @property
    def outcomes(self) -> pd.Series:
        """The summary as a Series indexed by outcome name (units in ``.attrs["units"]``)."""
        values = self.summary.set_index("name")["value"]
        values.attrs["units"] = dict(zip(self.summary["name"], self.summary["unit"]))
        return values


def run(
    scenario: PathLike,
    set: Overrides = None,
    seed: Optional[int] = None,
    binary: Optional[PathLike] = None,
    months: Optional[int] = None,
    out: Optional[PathLike] = None,
) -> RunResult:
    """Runs ``gpumarket run SCENARIO --out DIR`` and reads the folder.

    Args:
        scenario: a scenario file (YAML or JSON) or a bundled scenario's name
            (``"baseline-2026"``; ``gpumarket scenarios`` lists them).
        set: overrides, ``{"market.sigma": 6}`` or ``["market.sigma=6"]`` (each is a ``--set``).
        seed: the seed for every random draw (default: the scenario's).
        binary: the gpumarket executable (default: ``$GPUMARKET_BIN``, else ``gpumarket`` on PATH).
        months: the horizon's length in months (``--set horizon.months=N``; a multiple of the
            scenario's ``stepMonths``).
        out: keep the run folder here (it is created); by default a temporary folder is used
            and removed.

    Raises:
        InvalidInputError: a bad scenario, key path or value (exit status 2); the message names
            file, line, column and key path.
        RunStoppedError: a monthly invariant was violated (exit status 5).
    """
    arguments = ["run", scenario_argument(scenario), "--format", "csv"]
    if seed is not None:
        arguments += ["--seed", str(int(seed))]
    arguments += set_arguments(set)
    if months is not None:
        arguments += ["--set", f"horizon.months={int(months)}"]
    if out is not None:
        completed = invoke(arguments + ["--out", os.fspath(out)], binary)
        return _with_warnings(read_run_folder(out), completed.stderr)
    with tempfile.TemporaryDirectory(prefix="gpumarket-run-") as temporary:
        folder = Path(temporary) / "run"
        completed = invoke(arguments + ["--out", str(folder)], binary)
        return _with_warnings(read_run_folder(folder), completed.stderr)


def _with_warnings(result: RunResult, stderr: str) -> RunResult:
    return replace(result, warnings=issue_warnings(stderr, stacklevel=4))


def _read_csv(path: Path, **options: Any) -> pd.DataFrame:
    # Missing values are empty (series) or "null" (summary).
    return read_csv(path, na_values=["", "null"], **options)


def read_run_folder(folder: PathLike) -> RunResult:
    """Reads a folder written by ``gpumarket run --out DIR``."""
    folder = Path(folder)
    series = _read_csv(folder / "series.csv", dtype={"table": str, "entity": str, "month": str})
    series["value"] = series["value"].astype(float)
    series["entity_kind"] = series["table"].map(lambda t: TABLE_UNITS.get(t, ("", ""))[0])
    series["unit"] = series["table"].map(table_unit)
    series = series[["table", "entity", "entity_kind", "month", "value", "unit"]]

    summary = _read_csv(folder / "summary.csv", dtype={"name": str})
    summary["value"] = summary["value"].astype(float)
    parts = [split_outcome(name) for name in summary["name"]]
    summary["kind"] = [p[0] for p in parts]
    summary["entity"] = pd.Series([p[1] for p in parts], index=summary.index, dtype=object)
    summary["period"] = [p[2] for p in parts]
    summary["unit"] = summary["name"].map(outcome_unit)
    summary = summary[["name", "kind", "entity", "period", "value", "unit"]]

    with open(folder / "summary.json", encoding="utf-8") as handle:
        document = json.load(handle)
    with open(folder / "provenance.json", encoding="utf-8") as handle:
        provenance = json.load(handle)
    months = tuple(document["months"])
    rows = []
    for chip, curve in document.get("forward", {}).items():
        for tenor, values in curve.items():
            for month, value in zip(months, values):
                rows.append((chip, int(tenor), month, float("nan") if value is None else float(value)))
    forward = pd.DataFrame(rows, columns=["chip", "tenor_months", "month", "value"])
    forward["unit"] = "$/GPU-hour"
    return RunResult(
        series=series.reset_index(drop=True),
        summary=summary.reset_index(drop=True),
        forward=forward,
        scenario=str(document["scenario"]),
        seed=int(document["seed"]),
        months=months,
        provenance=provenance,
    )
