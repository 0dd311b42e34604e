"""``gpumarket.compare``: paired differences between scenarios under common random numbers."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

import pandas as pd

from ._csv import read_csv
from ._cli import Overrides, PathLike, invoke, repeated, scenario_argument, set_arguments
from .errors import issue_warnings
from .units import outcome_unit

__all__ = ["compare", "read_compare_folder", "CompareResult", "DIFFERENCE_COLUMNS"]

#: The columns of the frame :func:`compare` returns.
DIFFERENCE_COLUMNS = [
    "outcome",
    "unit",
    "reference",
    "scenario",
    "reference_mean",
    "reference_half_width",
    "mean",
    "half_width",
    "difference",
    "difference_low",
    "difference_high",
]


@dataclass(frozen=True)
class CompareResult:
    """A folder written by ``gpumarket compare --out DIR``.

    Attributes:
        differences: as returned by :func:`compare`.
        replicates: one row per scenario, replicate and outcome: ``scenario``, ``replicate``,
            ``seed`` (text), ``outcome``, ``value``, ``unit``.
        series: ``scenario``, ``replicate``, ``series`` (``price.h100``, ``compute.anthropic``),
            ``month``, ``value``, ``unit``.
        events: ``scenario``, ``month``, ``label``: dated events and contract starts.
        provenance: provenance.json.
    """

    differences: pd.DataFrame
    replicates: pd.DataFrame
    series: pd.DataFrame
    events: pd.DataFrame
    provenance: Dict[str, Any] = field(repr=False)


def compare(
    *scenarios: PathLike,
    replicates: int = 1,
    seed: Optional[int] = None,
    set: Overrides = None,
    outcomes: Optional[Union[str, Sequence[str]]] = None,
    year: Optional[int] = None,
    jobs: Optional[int] = None,
    out: Optional[PathLike] = None,
    binary: Optional[PathLike] = None,
) -> pd.DataFrame:
    """Runs ``gpumarket compare A B ...`` and returns the paired differences from the first.

    Replicate k of every scenario runs with the same seed (common random numbers), so for each
    outcome the difference is the mean over k of (B_k − A_k), with its Student-t 95% interval
    (NaN with one replicate). A difference below 10⁻¹⁰ of the compared means is reported as 0.

    Returns one row per (scenario after the first, outcome), with the columns
    :data:`DIFFERENCE_COLUMNS`: the outcome and its unit, the reference's and the scenario's
    label (the scenario's name, numbered when two share one), each one's mean over replicates
    and the half-width of its 95% interval, and the paired difference with its interval.

    Args:
        scenarios: two or more scenario files or bundled names; the first is the reference.
        replicates: runs per scenario.
        seed: base seed (default: the first scenario's).
        set: overrides applied to every scenario, as for :func:`gpumarket.run`.
        outcomes: outcome names or patterns with ``*`` (default: compute and share of each
            named buyer, each chip's spot price and the HHI, for ``year``).
        year: the year of the default outcomes (default 2026).
        jobs: worker threads.
        out: keep the compare folder here (read it with :func:`read_compare_folder`).
    """
    if len(scenarios) == 1 and isinstance(scenarios[0], (list, tuple)):
        scenarios = tuple(scenarios[0])
    arguments = ["compare", *(scenario_argument(s) for s in scenarios)]
    arguments += ["--replicates", str(int(replicates)), "--format", "json", "--quiet"]
    if seed is not None:
        arguments += ["--seed", str(int(seed))]
    if year is not None:
        arguments += ["--year", str(int(year))]
    if jobs is not None:
        arguments += ["--jobs", str(int(jobs))]
    arguments += repeated("--outcome", outcomes) + set_arguments(set)
    if out is not None:
        arguments += ["--out", os.fspath(out)]
    completed = invoke(arguments, binary)
    issue_warnings(completed.stderr)
    return differences_from_json(json.loads(completed.stdout))


def differences_from_json(table: Mapping[str, Any]) -> pd.DataFrame:
    """The comparison table ``compare --format json`` prints, as paired differences.

    Its columns are ``outcome``, the reference's ``mean`` and ``±95%``, then for every other
    scenario its ``mean`` and ``±95%`` and ``Δ``, ``Δ 95% low``, ``Δ 95% high``."""
    columns: List[str] = list(table["columns"])
    if len(columns) < 8 or (len(columns) - 3) % 5 != 0:
        raise ValueError(f"unexpected comparison columns: {columns}")

    def label(header: str) -> str:
        return header[: -len(" mean")] if header.endswith(" mean") else header

    reference = label(columns[1])
    groups = [(label(columns[k]), k) for k in range(3, len(columns), 5)]
    rows = []
    for row in table["rows"]:
        values = [float("nan") if v is None else v for v in row]
        for scenario, k in groups:
            rows.append(
                [
                    row[0],
                    outcome_unit(row[0]),
                    reference,
                    scenario,
                    values[1],
                    values[2],
                    values[k],
                    values[k + 1],
                    values[k + 2],
                    values[k + 3],
                    values[k + 4],
                ]
            )
    frame = pd.DataFrame(rows, columns=DIFFERENCE_COLUMNS)
    for column in DIFFERENCE_COLUMNS[4:]:
        frame[column] = frame[column].astype(float)
    frame.attrs["note"] = table.get("note", "")
    return frame


def read_compare_folder(folder: PathLike) -> CompareResult:
    """Reads a folder written by ``gpumarket compare --out DIR`` (or ``compare(..., out=DIR)``)."""
    folder = Path(folder)

    def read(name: str, **options: Any) -> pd.DataFrame:
        return read_csv(folder / name, **options)

    comparison = read("comparison.csv", na_values=[""])
    table = {
        "columns": list(comparison.columns),
        "rows": [
            [None if isinstance(v, float) and v != v else v for v in row]
            for row in comparison.itertuples(index=False)
        ],
    }
    replicate_values = read(
        "replicates.csv", dtype={"scenario": str, "seed": str, "outcome": str}, na_values=[""]
    )
    replicate_values["unit"] = replicate_values["outcome"].map(outcome_unit)
    series = read("series.csv", dtype={"scenario": str, "series": str, "month": str}, na_values=[""])
    series["unit"] = series["series"].map(outcome_unit)
    events = read("events.csv", dtype=str)
    with open(folder / "provenance.json", encoding="utf-8") as handle:
        provenance = json.load(handle)
    return CompareResult(
        differences=differences_from_json(table),
        replicates=replicate_values,
        series=series,
        events=events,
        provenance=provenance,
    )
