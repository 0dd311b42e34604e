gm clear "$ROOT/examples/market-small.json" --max-iterations -1
