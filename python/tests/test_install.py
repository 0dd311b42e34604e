"""`pip install ./python` gives an importable package with its metadata."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]


def test_the_package_installs_with_pip(tmp_path):
    # From a copy, so that the build leaves nothing in the source tree.
    source = tmp_path / "python"
    shutil.copytree(
        PROJECT, source,
        ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", ".pytest_cache"),
    )
    target = tmp_path / "site"
    # Offline with the build tools at hand (scripts/test installs them); else pip fetches them.
    offline = all(importlib.util.find_spec(m) for m in ("setuptools", "wheel"))
    options = ["--no-build-isolation", "--no-index"] if offline else []
    completed = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", *options,
         "--target", str(target), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert completed.returncode == 0, completed.stderr
    check = subprocess.run(
        [sys.executable, "-c",
         "import sys; sys.path.insert(0, sys.argv[1]); import gpumarket, importlib.metadata as m; "
         "print(gpumarket.__file__); print(m.version('gpumarket')); print(m.requires('gpumarket'))",
         str(target)],
        capture_output=True, text=True, cwd=tmp_path,
    )
    assert check.returncode == 0, check.stderr
    location, version, requires = check.stdout.splitlines()
    assert location.startswith(str(target))
    assert version == "0.1.0"
    assert "pandas" in requires
