"""Units of gpumarket's monthly tables and named outcomes.

Outcome names are ``kind.entity.period`` (``share.anthropic.2026``, ``hhi.2026``); the unit
follows from the kind. The kinds and units are those of docs/model.md ("Named outcomes"),
which is generated from the model's outcome catalog; a test checks this table against it.
Monthly tables carry their unit in their name (``priceUSDPerGPUHour``); a test checks that
every table a run writes is listed here.
"""

from __future__ import annotations

from typing import Dict, Optional, Tuple

__all__ = ["OUTCOME_UNITS", "TABLE_UNITS", "outcome_unit", "table_unit", "split_outcome"]

#: Outcome kind → unit.
OUTCOME_UNITS: Dict[str, str] = {
    "price": "$/GPU-hour",
    "installed": "H100e",
    "waiting": "H100e",
    "waitingShare": "fraction",
    "installedByRegion": "H100e",
    "largestBlock": "H100e",
    "largestRun": "FLOP",
    "campaignBlock": "H100e",
    "campaignsMet": "campaigns",
    "campaignsUnmet": "campaigns",
    "campaignPremium": "USD",
    "installedShare": "fraction",
    "shipments": "chips",
    "purchases": "chips",
    "revenue": "USD",
    "compute": "H100e GPU-hours",
    "share": "fraction",
    "hhi": "index",
    "contractedShare": "fraction",
    "idle": "fraction",
    "spend": "USD",
    "resold": "H100e GPU-hours",
    "resaleRevenue": "USD",
    "forward": "$/GPU-hour",
    "spotVolatility": "per month",
    "volatilityRatio": "ratio",
    "leadTime": "months",
    "backlog": "chips",
    "vendorStock": "chips",
    "usedH100e": "H100e",
    "ownUse": "fraction",
    "contracted": "H100e GPU-hours",
    "contractPrice": "$/H100e-hour",
    "failed": "chips",
    "retired": "chips",
    "usedSales": "chips",
    "usedPrice": "USD per chip",
    "fleetAge": "years",
    "powerShadowPrice": "$/kWh",
    "ordersCutByPower": "USD",
    "colocated": "MW",
    "colocationHosted": "MW",
    "onSite": "MW",
    "onSiteCapex": "USD",
    "deferred": "H100e",
}

#: Monthly table of ``run --out``'s series.csv → (entity kind, unit).
TABLE_UNITS: Dict[str, Tuple[str, str]] = {
    "priceUSDPerGPUHour": ("chip", "$/GPU-hour"),
    "spotGPUHours": ("chip", "GPU-hours"),
    "shipmentsChips": ("chip", "chips"),
    "productionChips": ("chip", "chips"),
    "backlogChips": ("chip", "chips"),
    "vendorStockChips": ("chip", "chips"),
    "leadTimeMonths": ("chip", "months"),
    "installedChips": ("chip", "chips"),
    "failedChips": ("chip", "chips"),
    "retiredChips": ("chip", "chips"),
    "usedSoldChips": ("chip", "chips"),
    "usedPriceUSD": ("chip", "USD per chip"),
    "computeH100eHours": ("buyer", "H100e GPU-hours"),
    "spendingUSD": ("buyer", "USD"),
    "contractSpendingUSD": ("buyer", "USD"),
    "contractComputeH100eHours": ("buyer", "H100e GPU-hours"),
    "resoldComputeH100eHours": ("buyer", "H100e GPU-hours"),
    "resaleRevenueUSD": ("buyer", "USD"),
    "largestBlockH100e": ("buyer", "H100e"),
    "campaignBlockH100e": ("buyer", "H100e"),
    "campaignsMet": ("buyer", "campaigns"),
    "campaignsUnmet": ("buyer", "campaigns"),
    "campaignPremiumUSD": ("buyer", "USD"),
    "installedH100e": ("provider", "H100e"),
    "siteInstalledH100e": ("site", "H100e"),
    "waitingH100e": ("provider", "H100e"),
    "waitingShare": ("world", "fraction"),
    "powerShadowPriceUSDPerKWh": ("provider", "$/kWh"),
    "fleetAgeYears": ("provider", "years"),
    "fleetAgeWorldYears": ("world", "years"),
    "installedByRegionH100e": ("region", "H100e"),
    "purchasesChips": ("provider", "chips"),
    "capexSpentUSD": ("provider", "USD"),
    "ordersCutByPowerUSD": ("provider", "USD"),
    "ordersDeferredH100e": ("provider", "H100e"),
    "colocatedMW": ("provider", "MW"),
    "colocationHostedMW": ("provider", "MW"),
    "onSiteMW": ("provider", "MW"),
    "onSiteCapexUSD": ("provider", "USD"),
    "capacityGPUHours": ("provider", "GPU-hours"),
    "contractGPUHours": ("provider", "GPU-hours"),
    "ownUseGPUHours": ("provider", "GPU-hours"),
    "spotSoldGPUHours": ("provider", "GPU-hours"),
    "idleGPUHours": ("provider", "GPU-hours"),
    "vendorRevenueUSD": ("vendor", "USD"),
}

# Units spelt in table names, longest first, for tables this version does not list.
_SUFFIXES = (
    ("USDPerGPUHour", "$/GPU-hour"),
    ("H100eHours", "H100e GPU-hours"),
    ("GPUHours", "GPU-hours"),
    ("H100e", "H100e"),
    ("Months", "months"),
    ("Chips", "chips"),
    ("USD", "USD"),
)


def split_outcome(name: str) -> Tuple[str, Optional[str], str]:
    """``kind.entity.period`` → (kind, entity or None, period). The entity may hold dots
    (``forward.h100.12.2026``: entity ``h100.12``)."""
    parts = name.split(".")
    if len(parts) == 1:
        return parts[0], None, ""
    if len(parts) == 2:
        return parts[0], None, parts[1]
    return parts[0], ".".join(parts[1:-1]), parts[-1]


def outcome_unit(name: str) -> str:
    """The unit of a named outcome (``""`` for a kind this version does not know)."""
    return OUTCOME_UNITS.get(name.split(".", 1)[0], "")


def table_unit(table: str) -> str:
    """The unit of a monthly table, from the list or else from its name's suffix."""
    if table in TABLE_UNITS:
        return TABLE_UNITS[table][1]
    for suffix, unit in _SUFFIXES:
        if table.endswith(suffix):
            return unit
    return ""
