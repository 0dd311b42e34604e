"""The notebook-style example runs, and its tables agree with the client called directly."""

import math
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

import gpumarket

PACKAGE_ROOT = Path(gpumarket.__file__).resolve().parents[1]


def test_colossus_what_if_runs(binary, repository, tmp_path):
    environment = dict(os.environ, GPUMARKET_BIN=str(binary))
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(PACKAGE_ROOT)] + [p for p in environment.get("PYTHONPATH", "").split(os.pathsep) if p]
    )
    completed = subprocess.run(
        [sys.executable, str(repository / "examples" / "colossus_what_if.py"), str(tmp_path)],
        capture_output=True, text=True, env=environment, cwd=tmp_path, timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Share of compute in 2026 (fraction):" in completed.stdout
    assert "Sweep of market.sigma (3 runs" in completed.stdout
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == [
        "paired-differences.csv", "shares-2026.csv", "sigma-sweep.csv",
    ]
    # Its one-run table equals two runs made here.
    shares = pd.read_csv(tmp_path / "shares-2026.csv", index_col=0)
    baseline = gpumarket.run("baseline-2026")
    without = gpumarket.run("counterfactual-no-colossus")
    for name in ["share.xai.2026", "share.anthropic.2026"]:
        expected = without.value(name) - baseline.value(name)
        assert math.isclose(shares.at[name, "difference"], expected, rel_tol=1e-9)
    assert shares.at["share.xai.2026", "difference"] > 0
    sweep = pd.read_csv(tmp_path / "sigma-sweep.csv", index_col=0)
    assert list(sweep.index) == [4.0, 8.0, 12.0]
    assert math.isclose(sweep.at[8.0, "share.anthropic.2026"], baseline.value("share.anthropic.2026"), rel_tol=1e-12)
    paired = pd.read_csv(tmp_path / "paired-differences.csv")
    assert (paired["difference_low"] <= paired["difference"]).all()
    assert (paired["difference"] <= paired["difference_high"]).all()
