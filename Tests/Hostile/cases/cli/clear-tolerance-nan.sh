gm clear "$ROOT/examples/market-small.json" --tolerance nan
