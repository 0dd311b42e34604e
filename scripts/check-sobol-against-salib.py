#!/usr/bin/env python3
"""Compares gpumarket's Sobol indices with SALib's on the same sweep database.

Reads a sweep database made with `--design sobol` or `--design sobol2`, averages each outcome
over replicates per design point, hands the N(D+2) values (N(2D+2) for sobol2; in Saltelli
order, which SALib shares) to SALib.analyze.sobol.analyze(calc_second_order=False, or True for
sobol2), and prints both sets of indices side by side with `gpumarket report`'s. The point
estimates use the same estimators (Saltelli 2010 for S, Jansen 1999 for ST, Saltelli 2002 for
the second-order S_jk) and must agree to rounding; the intervals differ in method (SALib: normal
approximation of the bootstrap; gpumarket: percentile bootstrap) and may differ slightly.

Usage: pip install salib; python3 scripts/check-sobol-against-salib.py SWEEP.sqlite [OUTCOME]
"""
import json
import sqlite3
import subprocess
import sys

import numpy as np
from SALib.analyze import sobol

path = sys.argv[1]
con = sqlite3.connect(path)
design, samples, points = con.execute("SELECT design, samples, point_count FROM plan").fetchone()
if design not in ("sobol", "sobol2"):
    sys.exit(f"{path}: design is {design}, expected sobol or sobol2")
second_order = design == "sobol2"
names = [r[0] for r in con.execute("SELECT key_path FROM parameters ORDER BY position")]
outcome = sys.argv[2] if len(sys.argv) > 2 else con.execute(
    "SELECT name FROM outcomes GROUP BY name ORDER BY min(position), name").fetchone()[0]
rows = con.execute(
    "SELECT r.point, avg(o.value) FROM outcomes o JOIN runs r USING (run_id) "
    "WHERE o.name = ? AND r.status = 'ok' GROUP BY r.point ORDER BY r.point", (outcome,)).fetchall()
if len(rows) != points:
    sys.exit(f"{path}: {points - len(rows)} design points have no successful run")
y = np.array([v for _, v in rows])
problem = {"num_vars": len(names), "names": names, "bounds": [[0, 1]] * len(names)}
result = sobol.analyze(problem, y, calc_second_order=second_order, print_to_console=False, seed=1)

report = subprocess.run(
    [sys.argv[3] if len(sys.argv) > 3 else ".build/debug/gpumarket", "report", path, "--format", "json"],
    check=True, capture_output=True, text=True).stdout
tables = {t["id"]: t for t in json.loads(report)["tables"]}
slug = "".join(c if c.isalnum() else "-" for c in outcome.lower()).strip("-")
ours = {row[0]: (row[1], row[4]) for row in tables["sobol-" + slug]["rows"]}

print(f"{outcome}: N = {samples}, D = {len(names)}")
print(f"{'parameter':<24} {'S salib':>10} {'S ours':>10} {'ST salib':>10} {'ST ours':>10}")
worst = 0.0
for j, name in enumerate(names):
    s, st = result["S1"][j], result["ST"][j]
    s_ours, st_ours = ours[name]
    worst = max(worst, abs(s - s_ours), abs(st - st_ours))
    print(f"{name:<24} {s:>10.6f} {s_ours:>10.6f} {st:>10.6f} {st_ours:>10.6f}")
if second_order:
    pairs = {(row[0], row[1]): row[2] for row in tables["sobol2-" + slug]["rows"]}
    print(f"{'parameter j':<24} {'parameter k':<24} {'S_jk salib':>10} {'S_jk ours':>10}")
    for j in range(len(names)):
        for k in range(j + 1, len(names)):
            s2, s2_ours = result["S2"][j][k], pairs[(names[j], names[k])]
            worst = max(worst, abs(s2 - s2_ours))
            print(f"{names[j]:<24} {names[k]:<24} {s2:>10.6f} {s2_ours:>10.6f}")
print(f"largest difference: {worst:.2e}")
sys.exit(0 if worst < 1e-9 else 1)
