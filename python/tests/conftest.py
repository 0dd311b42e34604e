"""Fixtures: the real gpumarket binary, found through GPUMARKET_BIN or the repository's release
build (`swift build -c release` writes .build/release/gpumarket)."""

import os
import subprocess
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]


def _binary() -> Path:
    from_env = os.environ.get("GPUMARKET_BIN")
    candidate = Path(from_env) if from_env else REPOSITORY / ".build" / "release" / "gpumarket"
    if not (candidate.is_file() and os.access(candidate, os.X_OK)):
        # A missing binary is a failure, not a skip: these tests are the client's only check.
        pytest.fail(
            f"no gpumarket binary at {candidate}: build it with `swift build -c release` or set "
            "GPUMARKET_BIN",
            pytrace=False,
        )
    return candidate.resolve()


@pytest.fixture(scope="session")
def binary() -> Path:
    """The gpumarket executable; also exported as GPUMARKET_BIN so that calls without
    binary= find it."""
    path = _binary()
    os.environ["GPUMARKET_BIN"] = str(path)
    return path


@pytest.fixture(scope="session")
def cli(binary):
    """Runs the binary directly: cli(*args) → CompletedProcess (text, not checked)."""

    def run(*arguments, cwd=None):
        return subprocess.run(
            [str(binary), *map(str, arguments)],
            capture_output=True,
            text=True,
            cwd=cwd,
            stdin=subprocess.DEVNULL,
        )

    return run


@pytest.fixture(scope="session")
def repository() -> Path:
    return REPOSITORY


@pytest.fixture(scope="session")
def baseline_file() -> Path:
    return REPOSITORY / "scenarios" / "baseline-2026.yaml"
