# %% [markdown]
# # What did the Anthropic–Colossus contract do to the market?
#
# A notebook-style walk through the Python client (cells marked `# %%` open as cells in
# Jupyter, VS Code and Spyder). It needs the gpumarket binary: `swift build -c release`, then
# `GPUMARKET_BIN=.build/release/gpumarket python3 examples/colossus_what_if.py`, or put
# `gpumarket` on PATH. `python/tests/test_example.py` runs it.
#
# Optional argument: a folder to write the tables to as CSV.

# %%
import sys
import tempfile
from pathlib import Path

import pandas as pd

import gpumarket

out = Path(sys.argv[1]) if len(sys.argv) > 1 else None
pd.set_option("display.width", 120)
pd.set_option("display.max_columns", 12)
scratch = tempfile.TemporaryDirectory(prefix="colossus-what-if-")

# %% [markdown]
# ## One run of each scenario
# `run` returns the monthly tables in long form and the named outcomes, each with its unit.

# %%
baseline = gpumarket.run("baseline-2026")
without = gpumarket.run("counterfactual-no-colossus")

prices = baseline.table("priceUSDPerGPUHour")
print(f"H100 spot price, {prices.attrs['unit']}, every June:")
print(prices.loc[[m for m in baseline.months if m.endswith("-06")], ["h100", "b200"]].round(2))

shares = pd.DataFrame(
    {
        "with contract": baseline.outcomes.filter(like="share.").filter(like=".2026"),
        "without": without.outcomes.filter(like="share.").filter(like=".2026"),
    }
)
shares["difference"] = shares["without"] - shares["with contract"]
print("\nShare of compute in 2026 (fraction):")
print(shares.sort_values("difference").round(4))

# %% [markdown]
# ## The same question under demand noise, with paired differences
# Replicate k of both scenarios draws the same noise (common random numbers), so the
# interval of the difference is narrow even with few replicates.

# %%
paired = gpumarket.compare(
    "baseline-2026",
    "counterfactual-no-colossus",
    replicates=4,
    set={"randomness.demandNoise": 0.1},
    outcomes=["share.anthropic.2026", "share.xai.2026", "price.h100.2026", "hhi.2026"],
)
print("\nWithout the contract, minus with it (4 replicates, 10% demand noise):")
print(paired[["outcome", "unit", "reference_mean", "difference", "difference_low", "difference_high"]])
xai = paired.set_index("outcome").loc["share.xai.2026"]
print(
    f"\nWithout the contract xAI has {xai['difference']:.5f} more of the world's compute in 2026 "
    f"(95% interval {xai['difference_low']:.5f} to {xai['difference_high']:.5f})."
)

# %% [markdown]
# ## Does the answer depend on how substitutable chips are?
# A small sweep of the CES elasticity `market.sigma`, loaded as one row per run.

# %%
database = gpumarket.sweep(
    "baseline-2026",
    vary={"market.sigma": [4, 8, 12]},
    out=Path(scratch.name) / "sigma.sqlite",
    jobs=2,
)
runs = gpumarket.load(database, outcomes=["share.anthropic.2026", "price.h100.2026"])
by_sigma = runs.set_index("market.sigma")[["share.anthropic.2026", "price.h100.2026"]]
print(f"\nSweep of market.sigma ({len(runs)} runs, database {database.name}):")
print(by_sigma.round(4))

# %%
if out is not None:
    out.mkdir(parents=True, exist_ok=True)
    shares.to_csv(out / "shares-2026.csv")
    paired.to_csv(out / "paired-differences.csv", index=False)
    by_sigma.to_csv(out / "sigma-sweep.csv")
    print(f"\nTables written to {out}")
scratch.cleanup()
