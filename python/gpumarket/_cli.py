"""Finding the gpumarket binary and running it."""

from __future__ import annotations

import os
import shutil
import subprocess
from typing import Iterable, List, Mapping, Optional, Sequence, Union

from .errors import BinaryNotFoundError, error_for_status

PathLike = Union[str, "os.PathLike[str]"]
#: Overrides: ``{"market.sigma": 6}`` or ready ``["market.sigma=6"]`` texts.
Overrides = Optional[Union[Mapping[str, object], Iterable[str]]]
#: The environment variable naming the binary when ``binary=`` is not given.
BINARY_ENV = "GPUMARKET_BIN"


def find_binary(binary: Optional[PathLike] = None) -> str:
    """The gpumarket executable to run: ``binary``, else ``$GPUMARKET_BIN``, else ``gpumarket``
    on PATH. Raises :class:`BinaryNotFoundError` when the chosen one does not exist."""
    if binary is not None:
        return _checked(os.fspath(binary), "binary=")
    from_env = os.environ.get(BINARY_ENV)
    if from_env:
        return _checked(from_env, f"${BINARY_ENV}")
    on_path = shutil.which("gpumarket")
    if on_path:
        return on_path
    raise BinaryNotFoundError(
        "gpumarket binary not found: pass binary=PATH, set GPUMARKET_BIN, or put gpumarket on "
        "PATH (build it with `swift build -c release`; it is .build/release/gpumarket)"
    )


def _checked(candidate: str, origin: str) -> str:
    path = candidate if os.sep in candidate else (shutil.which(candidate) or candidate)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise BinaryNotFoundError(f"gpumarket binary not found: {origin} {candidate!r} is not an executable file")
    return path


def invoke(
    arguments: Sequence[str],
    binary: Optional[PathLike] = None,
    *,
    allowed: Iterable[int] = (0,),
    cwd: Optional[PathLike] = None,
) -> subprocess.CompletedProcess:
    """Runs ``gpumarket ARGUMENTS``; a status outside ``allowed`` raises the
    :class:`~gpumarket.errors.GpumarketError` subclass for it."""
    command: List[str] = [find_binary(binary), *arguments]
    completed = subprocess.run(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        cwd=os.fspath(cwd) if cwd is not None else None,
    )
    if completed.returncode not in set(allowed):
        raise error_for_status(completed.returncode, command, completed.stderr, completed.stdout)
    return completed


def repeated(option: str, values: Optional[Union[str, Iterable[object]]]) -> List[str]:
    """``option`` before each value (one text alone counts as one value):
    ``repeated("--outcome", ["a", "b"])`` is ``["--outcome", "a", "--outcome", "b"]``."""
    if isinstance(values, str):
        values = [values]
    arguments: List[str] = []
    for value in values or ():
        arguments += [option, str(value)]
    return arguments


def set_arguments(overrides: Overrides) -> List[str]:
    """``--set key=value`` arguments from a mapping (values written as YAML scalars) or from
    ready ``key=value`` strings."""
    if isinstance(overrides, Mapping):
        overrides = [f"{key}={yaml_scalar(value)}" for key, value in overrides.items()]
    return repeated("--set", overrides)


def yaml_scalar(value: object) -> str:
    """A Python value as the YAML text ``--set`` reads: booleans as true/false, None as null,
    floats in round-trip form, lists and dicts in flow style."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(yaml_scalar(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {yaml_scalar(v)}" for k, v in value.items()) + "}"
    if hasattr(value, "item") and callable(value.item):  # a numpy scalar
        return yaml_scalar(value.item())
    return str(value)


def scenario_argument(scenario: PathLike) -> str:
    """A scenario path or bundled name as gpumarket takes it."""
    return os.fspath(scenario) if isinstance(scenario, os.PathLike) else str(scenario)
