"""Python client for gpumarket, the simulator of the AI-accelerator market.

Calls the gpumarket binary (``binary=`` a path, else ``$GPUMARKET_BIN``, else ``gpumarket`` on
PATH) and returns pandas DataFrames:

- :func:`run`: one run's monthly series and named outcomes, with units;
- :func:`sweep`: a sweep into a SQLite database, returning its path; :func:`load`: that
  database as one row per run;
- :func:`compare`: paired differences between scenarios under common random numbers.

A non-zero exit status raises the :class:`GpumarketError` subclass for it (see
:mod:`gpumarket.errors`), with the located message the command wrote on standard error.
See docs/python.md.
"""

from ._cli import find_binary
from .compare import CompareResult, compare, read_compare_folder
from .errors import (
    EXIT_STATUSES,
    BinaryNotFoundError,
    EquilibriumViolatedError,
    GpumarketError,
    GpumarketWarning,
    InterruptedRunError,
    InvalidInputError,
    Location,
    NotConvergedError,
    OutputError,
    RunsFailedError,
    RunStoppedError,
    ServerError,
    UsageError,
)
from .run import RunResult, read_run_folder, run
from .sweep import load, sweep
from .units import OUTCOME_UNITS, TABLE_UNITS, outcome_unit, table_unit

__version__ = "0.1.0"

__all__ = [
    "run",
    "sweep",
    "load",
    "compare",
    "read_run_folder",
    "read_compare_folder",
    "find_binary",
    "RunResult",
    "CompareResult",
    "GpumarketError",
    "GpumarketWarning",
    "BinaryNotFoundError",
    "RunsFailedError",
    "InvalidInputError",
    "NotConvergedError",
    "EquilibriumViolatedError",
    "RunStoppedError",
    "ServerError",
    "UsageError",
    "OutputError",
    "InterruptedRunError",
    "Location",
    "EXIT_STATUSES",
    "OUTCOME_UNITS",
    "TABLE_UNITS",
    "outcome_unit",
    "table_unit",
]
