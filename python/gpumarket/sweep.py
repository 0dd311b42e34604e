"""``gpumarket.sweep`` and ``gpumarket.load``: sweeps into a SQLite database, read back one row
per run."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path
from typing import Iterable, Mapping, Optional, Sequence, Union

import pandas as pd

from ._csv import read_csv
from ._cli import Overrides, PathLike, invoke, repeated, scenario_argument, set_arguments, yaml_scalar
from .errors import RunsFailedError
from .units import outcome_unit

__all__ = ["sweep", "load", "vary_arguments"]

#: The columns every exported run has before its parameters and outcomes.
RUN_COLUMNS = ("run_id", "point", "replicate", "seed", "status", "error")

Vary = Union[Mapping[str, object], Iterable[str]]


def vary_arguments(vary: Vary) -> list:
    """``--vary`` arguments. A mapping's value is a list of values (``[4, 8]`` → ``4,8``), a
    range text (``"0.5..2.0:7"``, ``"0.5..2.0"`` for sampling designs) or a (low, high) or
    (low, high, count) tuple (→ ``low..high[:count]``); or give ready ``key=...`` strings."""
    if isinstance(vary, Mapping):
        texts = []
        for key, values in vary.items():
            if isinstance(values, str):
                domain = values
            elif isinstance(values, tuple) and len(values) in (2, 3):
                domain = f"{yaml_scalar(values[0])}..{yaml_scalar(values[1])}"
                if len(values) == 3:
                    domain += f":{int(values[2])}"
            else:
                domain = ",".join(yaml_scalar(v) for v in values)
            texts.append(f"{key}={domain}")
        vary = texts
    return repeated("--vary", vary)


def sweep(
    scenario: Optional[PathLike] = None,
    vary: Vary = (),
    design: Optional[str] = None,
    out: Optional[PathLike] = None,
    jobs: Optional[int] = None,
    set: Overrides = None,
    *,
    samples: Optional[int] = None,
    replicates: Optional[int] = None,
    seed: Optional[int] = None,
    series: bool = False,
    plan: Optional[PathLike] = None,
    allow_failed: bool = False,
    binary: Optional[PathLike] = None,
) -> Path:
    """Runs ``gpumarket sweep`` and returns the path of its results database.

    Args:
        scenario: a scenario file, a bundled scenario's name, or ``builtin:ishigami``; may be
            left out when ``plan`` names one (given, it overrides the plan's).
        vary: the parameters: ``{"market.sigma": [4, 8]}``, ``{"x1": (0, 1, 3)}`` (a grid of 3
            values from 0 to 1), ``{"x1": (-3.14, 3.14)}`` (a range for sampling designs), or
            ``["market.sigma=4,8"]``.
        design: ``grid`` (default), ``random``, ``lhs``, ``sobol``, ``sobol2`` or ``morris``.
        out: the database (default: ``sweep.sqlite`` in a new temporary folder, which is kept).
            Running the same sweep again on it resumes; another plan is refused.
        jobs: worker threads (default: the number of cores).
        set: overrides for every run, as for :func:`gpumarket.run`.
        samples, replicates, seed: as ``--samples``, ``--replicates``, ``--seed``.
        series: also store the monthly series (``--series``).
        plan: a sweep file (``--plan``); the other arguments override it.
        allow_failed: return the path even when some runs failed (exit status 1); otherwise
            :class:`RunsFailedError` is raised, with the path in its ``database`` attribute.
    """
    if scenario is None and plan is None:
        raise ValueError("sweep needs a scenario, or a plan that names one")
    if out is None:
        out = Path(tempfile.mkdtemp(prefix="gpumarket-sweep-")) / "sweep.sqlite"
    out = Path(out)
    arguments = ["sweep"] + ([] if scenario is None else [scenario_argument(scenario)])
    arguments += vary_arguments(vary)
    if plan is not None:
        arguments += ["--plan", os.fspath(plan)]
    if design is not None:
        arguments += ["--design", str(design)]
    if samples is not None:
        arguments += ["--samples", str(int(samples))]
    if replicates is not None:
        arguments += ["--replicates", str(int(replicates))]
    if seed is not None:
        arguments += ["--seed", str(int(seed))]
    if jobs is not None:
        arguments += ["--jobs", str(int(jobs))]
    if series:
        arguments.append("--series")
    arguments += set_arguments(set)
    arguments += ["--out", os.fspath(out), "--quiet"]
    try:
        invoke(arguments, binary, allowed=(0, 1) if allow_failed else (0,))
    except RunsFailedError as error:
        error.database = os.fspath(out)
        raise
    return out


def load(
    database: PathLike,
    outcomes: Optional[Union[str, Sequence[str]]] = None,
    binary: Optional[PathLike] = None,
) -> pd.DataFrame:
    """One row per run of a sweep database, through ``gpumarket export``.

    Columns: ``point``, ``replicate``, ``seed`` (text: an unsigned 64-bit integer), ``status``
    (``ok`` or ``failed``), ``error`` (None for runs that succeeded), one column per swept
    parameter named by its key path, then one per outcome (NaN where missing or not a number).
    The index is ``run_id``. ``.attrs["units"]`` maps every column to its unit (outcome units
    from the outcome's kind; parameters are in the scenario key's unit) and
    ``.attrs["parameters"]`` lists the parameter columns.

    Args:
        outcomes: outcome names or prefixes ending in ``*`` to keep (default: all).
    """
    arguments = ["export", os.fspath(database), "--format", "csv"] + repeated("--outcome", outcomes)
    with tempfile.TemporaryDirectory(prefix="gpumarket-export-") as temporary:
        path = Path(temporary) / "runs.csv"
        invoke(arguments + ["--out", str(path)], binary)
        header = pd.read_csv(path, nrows=0).columns
        text_columns = {"seed": str, "status": str, "error": str}
        frame = read_csv(
            path,
            na_values={c: [""] for c in header if c not in ("status", "seed")},
            dtype=text_columns,
        )
        exported_units = read_csv(Path(temporary) / "runs-units.csv", dtype=str)
    frame["error"] = frame["error"].astype(object).where(frame["error"].notna(), None)
    exported = dict(zip(exported_units["column"], exported_units["unit"]))
    first_outcome = _first_outcome_column(database)
    parameters = list(frame.columns[len(RUN_COLUMNS) : first_outcome])
    units = {}
    for position, column in enumerate(frame.columns):
        if position < first_outcome:
            units[column] = exported.get(column, "")
        else:
            units[column] = outcome_unit(column) or exported.get(column, "")
    frame = frame.set_index("run_id")
    frame.attrs["units"] = units
    frame.attrs["parameters"] = parameters
    return frame


def _first_outcome_column(database: PathLike) -> int:
    """Where the outcome columns start: after the fixed columns and the plan's parameters."""
    uri = Path(os.fspath(database)).resolve().as_uri() + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True)
    try:
        count = connection.execute("SELECT count(*) FROM parameters").fetchone()[0]
    finally:
        connection.close()
    return len(RUN_COLUMNS) + int(count)
