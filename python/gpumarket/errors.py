"""Exceptions for gpumarket's exit statuses.

Every command of gpumarket exits with one of a fixed set of statuses (the table in the README
and at the end of every command's ``--help``). A non-zero status becomes an instance of the
subclass of :class:`GpumarketError` listed for it in :data:`EXIT_STATUSES`, carrying the
command, the status and what the command wrote on standard error, which names the file, line,
column and key path of a bad value where there is one.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Type

__all__ = [
    "GpumarketError",
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
    "GpumarketWarning",
    "Location",
    "EXIT_STATUSES",
    "error_for_status",
]


@dataclass(frozen=True)
class Location:
    """Where a message points: ``file:line:column: error: key.path: text``.

    ``file`` is ``<command line>`` for a ``--set`` override; ``line`` and ``column`` are
    ``None`` where the message has none.
    """

    file: str
    line: Optional[int]
    column: Optional[int]
    severity: str
    key_path: Optional[str]
    text: str


# file[:line[:column]]: error|warning: [key.path: ]text; the file is `<command line>` for --set.
_LOCATED = re.compile(
    r"^(?P<file>[^\n:]+?)(?::(?P<line>\d+)(?::(?P<column>\d+))?)?: "
    r"(?P<severity>error|warning|note): (?P<rest>.*)$"
)
# A key path: dotted identifiers, perhaps with [index] parts, followed by ": ".
_KEY_PATH = re.compile(r"^(?P<key>[A-Za-z_][\w\-]*(?:(?:\.[\w\-]+)|(?:\[\d+\]))*): (?P<text>.*)$")


def parse_locations(stderr: str) -> List[Location]:
    """The located messages in ``stderr``, in order (lines without a location are skipped)."""
    found = []
    for line in stderr.splitlines():
        match = _LOCATED.match(line.strip())
        if not match:
            continue
        rest = match.group("rest")
        key = _KEY_PATH.match(rest)
        found.append(
            Location(
                file=match.group("file"),
                line=int(match.group("line")) if match.group("line") else None,
                column=int(match.group("column")) if match.group("column") else None,
                severity=match.group("severity"),
                key_path=key.group("key") if key else None,
                text=key.group("text") if key else rest,
            )
        )
    return found


class GpumarketError(Exception):
    """A gpumarket command that did not succeed.

    Attributes:
        status: the exit status (``None`` when the binary could not be started; negative when
            it was killed by a signal, as in :mod:`subprocess`).
        command: the argument list that was run.
        stderr: everything the command wrote on standard error.
        stdout: everything it wrote on standard output.
        locations: the located messages (file, line, column, key path) parsed from ``stderr``.
    """

    #: The exit status this class stands for (``None`` for the base class).
    exit_status: Optional[int] = None
    #: What the status means, from the table of exit statuses.
    meaning: str = "the command failed"

    def __init__(
        self,
        message: str,
        *,
        status: Optional[int] = None,
        command: Sequence[str] = (),
        stderr: str = "",
        stdout: str = "",
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.command = list(command)
        self.stderr = stderr
        self.stdout = stdout
        self.locations = parse_locations(stderr)

    @property
    def key_paths(self) -> List[str]:
        """The key paths the located messages name, in order."""
        return [loc.key_path for loc in self.locations if loc.key_path]


class BinaryNotFoundError(GpumarketError, FileNotFoundError):
    """No gpumarket binary: neither ``binary=``, ``GPUMARKET_BIN`` nor ``gpumarket`` on PATH."""

    meaning = "the gpumarket binary was not found"


class RunsFailedError(GpumarketError):
    """Status 1: sweep, merge: some runs failed (recorded in the database) or are missing.

    ``database`` is the path of the database, which holds every run that succeeded.
    """

    exit_status = 1
    meaning = "some runs failed (recorded in the database) or, for merge, are missing"
    database: Optional[str] = None


class InvalidInputError(GpumarketError, ValueError):
    """Status 2: a file, plan, database, name or outcome that cannot be used."""

    exit_status = 2
    meaning = "invalid input"


class NotConvergedError(GpumarketError):
    """Status 3: clear: the market did not clear to the tolerance."""

    exit_status = 3
    meaning = "the market did not clear to the tolerance"


class EquilibriumViolatedError(GpumarketError):
    """Status 4: clear --verify: an equilibrium condition is violated."""

    exit_status = 4
    meaning = "an equilibrium condition is violated"


class RunStoppedError(GpumarketError):
    """Status 5: run, compare: a run stopped on a violated invariant."""

    exit_status = 5
    meaning = "a run stopped on a violated invariant"


class ServerError(GpumarketError, OSError):
    """Status 6: explore: the server could not listen on the address (in use, or not one)."""

    exit_status = 6
    meaning = "the server could not listen on the address"


class UsageError(GpumarketError, ValueError):
    """Status 64: bad command-line usage (an option or value the command does not take)."""

    exit_status = 64
    meaning = "bad command-line usage"


class OutputError(GpumarketError, OSError):
    """Status 74: an output file, folder or database could not be written."""

    exit_status = 74
    meaning = "an output file, folder or database could not be written"


class InterruptedRunError(GpumarketError):
    """Status 130: interrupted (Ctrl-C); a sweep keeps the runs it stored."""

    exit_status = 130
    meaning = "interrupted"


#: Exit status → exception class, as documented in the README's table of exit statuses.
EXIT_STATUSES: Dict[int, Type[GpumarketError]] = {
    cls.exit_status: cls
    for cls in (
        RunsFailedError,
        InvalidInputError,
        NotConvergedError,
        EquilibriumViolatedError,
        RunStoppedError,
        ServerError,
        UsageError,
        OutputError,
        InterruptedRunError,
    )
}


def error_for_status(
    status: int, command: Sequence[str], stderr: str, stdout: str = ""
) -> GpumarketError:
    """The exception for a command that exited with ``status`` (non-zero)."""
    cls = EXIT_STATUSES.get(status, GpumarketError)
    # The message is on stderr; a sweep whose runs failed says so on stdout.
    text = stderr.strip() or "\n".join(stdout.strip().splitlines()[-20:])
    if status < 0:
        headline = f"gpumarket {_verb(command)} was killed by signal {-status}"
    else:
        headline = f"gpumarket {_verb(command)} exited with status {status} ({cls.meaning})"
    message = headline + (":\n" + text if text else "")
    return cls(message, status=status, command=command, stderr=stderr, stdout=stdout)


def _verb(command: Sequence[str]) -> str:
    return command[1] if len(command) > 1 else ""


class GpumarketWarning(UserWarning):
    """A warning gpumarket printed on standard error for a command that succeeded."""


def issue_warnings(stderr: str, stacklevel: int = 3) -> tuple:
    """Issues every non-empty line of ``stderr`` as a :class:`GpumarketWarning`; returns them."""
    lines = tuple(line for line in stderr.splitlines() if line.strip())
    for line in lines:
        warnings.warn(line, GpumarketWarning, stacklevel=stacklevel)
    return lines
