#!/usr/bin/env python3
"""The numpy peer of gpumarket's CES market clearing, for the clearing benchmark.

Reads a market written by `gpumarket-bench` (see RandomMarket.swift: magic GPUMKT01, int64 n, m,
float64 sigma, then B, S, r, V row-major, all little-endian) and clears it with the algorithm of
Sources/MarketClearing, step for step:

- reduction: drop zero-supply products, buyers who value nothing on offer, products nobody values;
  W = (V / max_k V_ik)^sigma per buyer row;
- start: Cobb-Douglas prices x = max(log r, log(sum_i B_i W_ij / sum_k W_ik) - log S);
- the scaled demand pass: s = min x, q = exp((1 - sigma)(x - s)), den = W q, u = B / den,
  agg = W^T u, log a = log agg + (sigma - 1) s;
- the map G(x) = max(log r, (log a - log S) / sigma), clearing error
  max_j (excess_j at reserve ? max(0, excess_j) : |excess_j|), excess_j = exp(log a_j - sigma x_j)/S_j - 1;
- Anderson acceleration (type II, memory 5, normal equations with 1e-12 * trace ridge), and the
  safeguard: an accelerated step whose residual max|G(x) - x| did not shrink is replaced by the
  plain step and the history is reset;
- the allocation x_ij = W_ij u_i q_j / p_j, capped at supply, as in Market.clear.

Prints one JSON object: prices, iterations, converged, clearingError, times (ms, whole clear),
loopTimes (ms, the iteration loop only), blas (what numpy's BLAS is and how many threads it uses).

Usage: peer_clearing.py MARKET_FILE --repeats N [--tolerance 1e-9] [--max-iterations 10000]
"""

import argparse
import json
import sys
import time

import numpy as np


def read_market(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"GPUMKT01":
        sys.exit(f"{path}: not a gpumarket-bench market file (magic GPUMKT01 expected)")
    n, m = np.frombuffer(data, dtype="<i8", count=2, offset=8)
    n, m = int(n), int(m)
    sigma = float(np.frombuffer(data, dtype="<f8", count=1, offset=24)[0])
    values = np.frombuffer(data, dtype="<f8", offset=32)
    if values.size != n + 2 * m + n * m:
        sys.exit(f"{path}: expected {n + 2 * m + n * m} numbers after the header, got {values.size}")
    budgets = values[:n].copy()
    supplies = values[n : n + m].copy()
    reserves = values[n + m : n + 2 * m].copy()
    valuations = values[n + 2 * m :].reshape(n, m).copy()
    return budgets, supplies, reserves, valuations, sigma


class Anderson:
    """Mirror of AndersonAccelerator.swift."""

    def __init__(self, memory):
        self.memory = max(0, memory)
        self.reset()

    def reset(self):
        self.previous_g = None
        self.previous_f = None
        self.delta_g = []
        self.delta_f = []

    def next(self, g, f):
        if self.memory == 0:
            return g
        if self.previous_g is not None:
            self.delta_g.append(g - self.previous_g)
            self.delta_f.append(f - self.previous_f)
            if len(self.delta_g) > self.memory:
                self.delta_g.pop(0)
                self.delta_f.pop(0)
        self.previous_g = g
        self.previous_f = f
        k = len(self.delta_f)
        if k == 0:
            return g
        df = np.array(self.delta_f)
        normal = df @ df.T
        rhs = df @ f
        trace = float(np.trace(normal))
        if not (trace > 0 and np.isfinite(trace)):
            return g
        normal[np.diag_indices(k)] += 1e-12 * trace
        try:
            gamma = np.linalg.solve(normal, rhs)
        except np.linalg.LinAlgError:
            return g
        if not np.all(np.isfinite(gamma)):
            return g
        result = g - np.array(self.delta_g).T @ gamma
        ok = np.isfinite(result) | (result == -np.inf)
        return result if np.all(ok) else g


def clear(budgets, supplies, reserves, valuations, sigma, tolerance, max_iterations, memory=5):
    """Returns (prices, iterations, converged, error, loop_seconds)."""
    offered = supplies > 0
    active = (valuations[:, offered] > 0).any(axis=1)
    valued = offered & (valuations[active] > 0).any(axis=0)
    v = valuations[np.ix_(active, valued)]
    b = budgets[active]
    s_supply = supplies[valued]
    log_s = np.log(s_supply)
    with np.errstate(divide="ignore"):
        log_r = np.log(reserves[valued])
    w = (v / v.max(axis=1, keepdims=True)) ** sigma
    if not np.all((w == 0) | (w >= np.finfo(float).tiny)):
        raise SystemExit("peer: W underflows; the log-domain pass is not mirrored here")

    def clamp(x):
        bad = ~(x >= log_r)
        fallback = np.where(np.isfinite(log_r), log_r, np.where(np.isfinite(x), x, 0.0))
        return np.where(bad, fallback, x)

    def evaluate(x):
        shift = x.min()
        q = np.exp((1 - sigma) * (x - shift))
        den = w @ q
        u = b / den
        agg = w.T @ u
        return np.log(agg) + (sigma - 1) * shift, u, shift

    def step(x, log_agg):
        g = np.maximum(log_r, (log_agg - log_s) / sigma)
        f = g - x
        residual = float(np.max(np.abs(f)))
        excess = np.exp(log_agg - sigma * x) / s_supply - 1
        violation = np.where(x <= log_r, np.maximum(0, excess), np.abs(excess))
        violation = np.where(np.isnan(violation), np.inf, violation)
        return g, f, residual if not np.isnan(residual) else np.inf, float(violation.max())

    row_share = w / w.sum(axis=1, keepdims=True)
    x = clamp(np.log(b @ row_share) - log_s)

    loop_start = time.perf_counter()
    pass_ = evaluate(x)
    iterations = 1
    g, f, residual, error = step(x, pass_[0])
    best = (x, pass_, error)
    accelerator = Anderson(memory)
    while best[2] > tolerance and iterations < max_iterations:
        candidate = clamp(accelerator.next(g, f))
        candidate_pass = evaluate(candidate)
        iterations += 1
        cg, cf, cres, cerr = step(candidate, candidate_pass[0])
        accelerated = not np.array_equal(candidate, g)
        if accelerated and not (cres <= residual) and iterations < max_iterations:
            accelerator.reset()
            candidate = g
            candidate_pass = evaluate(candidate)
            iterations += 1
            cg, cf, cres, cerr = step(candidate, candidate_pass[0])
        x, pass_ = candidate, candidate_pass
        g, f, residual, error = cg, cf, cres, cerr
        if error < best[2] or not np.isfinite(best[2]):
            best = (x, pass_, error)
    loop_seconds = time.perf_counter() - loop_start

    x, (log_agg, u, shift), error = best
    column_factor = np.exp((1 - sigma) * (x - shift) - x)
    allocation = w * u[:, None] * column_factor[None, :]
    prices_reduced = np.where(x > log_r, np.maximum(reserves[valued], np.exp(x)), reserves[valued])
    sold = allocation.sum(axis=0)
    cap = np.where(sold > s_supply, s_supply / np.where(sold > 0, sold, 1), 1.0)
    allocation *= cap[None, :]
    prices = reserves.copy()
    prices[valued] = prices_reduced
    return prices, iterations, error <= tolerance, error, loop_seconds


def blas_info():
    try:
        import threadpoolctl

        pools = threadpoolctl.threadpool_info()
        return "; ".join(
            f"{p.get('internal_api')} {p.get('version')} kernel={p.get('architecture')} "
            f"threads={p.get('num_threads')}"
            for p in pools
            if p.get("user_api") == "blas"
        )
    except ImportError:
        config = np.show_config(mode="dicts") if np.lib.NumpyVersion(np.__version__) >= "1.26.0" else {}
        blas = config.get("Build Dependencies", {}).get("blas", {})
        return f"{blas.get('name')} {blas.get('version')} (threadpoolctl not installed: kernel unknown)"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("market")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--tolerance", type=float, default=1e-9)
    parser.add_argument("--max-iterations", type=int, default=10_000)
    args = parser.parse_args()
    market = read_market(args.market)
    result = clear(*market, args.tolerance, args.max_iterations)  # warm-up
    times, loop_times = [], []
    for _ in range(max(1, args.repeats)):
        start = time.perf_counter()
        result = clear(*market, args.tolerance, args.max_iterations)
        times.append((time.perf_counter() - start) * 1e3)
        loop_times.append(result[4] * 1e3)
    prices, iterations, converged, error, _ = result
    json.dump(
        {
            "prices": [float(p) for p in prices],
            "iterations": iterations,
            "converged": bool(converged),
            "clearingError": error,
            "times": times,
            "loopTimes": loop_times,
            "numpy": np.__version__,
            "blas": blas_info(),
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main()
