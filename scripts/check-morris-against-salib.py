#!/usr/bin/env python3
"""Compares gpumarket's Morris elementary effects with SALib's on the same trajectories.

Reads a sweep database made with `--design morris`, maps each point's parameter values back to
the unit cube, averages each outcome over replicates per design point, hands the trajectories
to SALib.analyze.morris.analyze(num_levels=4), and prints mu*, mu and sigma beside the table of
`gpumarket report`. They must agree to rounding.

Usage: pip install salib; python3 scripts/check-morris-against-salib.py SWEEP.sqlite [OUTCOME] [GPUMARKET]
"""
import json
import sqlite3
import subprocess
import sys

import numpy as np
from SALib.analyze import morris

path = sys.argv[1]
con = sqlite3.connect(path)
design, points = con.execute("SELECT design, point_count FROM plan").fetchone()
if design != "morris":
    sys.exit(f"{path}: design is {design}, expected morris")
parameters = con.execute("SELECT key_path, domain FROM parameters ORDER BY position").fetchall()
names = [p[0] for p in parameters]
bounds = [tuple(float(v) for v in p[1].split("..")) for p in parameters]
outcome = sys.argv[2] if len(sys.argv) > 2 else con.execute(
    "SELECT name FROM outcomes GROUP BY name ORDER BY min(position), name").fetchone()[0]
x = np.zeros((points, len(names)))
for point, key, value in con.execute(
        "SELECT r.point, p.key_path, p.value FROM runs r JOIN run_parameters p USING (run_id)"):
    low, high = bounds[names.index(key)]
    x[point, names.index(key)] = (value - low) / (high - low)
rows = con.execute(
    "SELECT r.point, avg(o.value) FROM outcomes o JOIN runs r USING (run_id) "
    "WHERE o.name = ? AND r.status = 'ok' GROUP BY r.point ORDER BY r.point", (outcome,)).fetchall()
if len(rows) != points:
    sys.exit(f"{path}: {points - len(rows)} design points have no successful run")
y = np.array([v for _, v in rows])
problem = {"num_vars": len(names), "names": names, "bounds": [[0, 1]] * len(names)}
result = morris.analyze(problem, x, y, num_levels=4, print_to_console=False)

report = subprocess.run(
    [sys.argv[3] if len(sys.argv) > 3 else ".build/debug/gpumarket", "report", path,
     "--outcome", outcome, "--format", "json"], check=True, capture_output=True, text=True).stdout
tables = {t["id"]: t for t in json.loads(report)["tables"]}
ours = {row[0]: row[1:4] for row in tables["morris-" + "".join(
    c if c.isalnum() else "-" for c in outcome.lower()).strip("-")]["rows"]}

print(f"{outcome}: {points} points, D = {len(names)}")
print(f"{'parameter':<24} {'mu* salib':>11} {'mu* ours':>11} {'sigma salib':>11} {'sigma ours':>11}")
worst = 0.0
for j, name in enumerate(names):
    mine = ours[name]
    theirs = (result["mu_star"][j], result["mu"][j], result["sigma"][j])
    worst = max(worst, *(abs(a - b) for a, b in zip(theirs, mine)))
    print(f"{name:<24} {theirs[0]:>11.6f} {mine[0]:>11.6f} {theirs[2]:>11.6f} {mine[2]:>11.6f}")
print(f"largest difference: {worst:.2e}")
sys.exit(0 if worst < 1e-9 else 1)
