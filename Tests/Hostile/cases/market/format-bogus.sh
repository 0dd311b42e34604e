gm clear "$ROOT/examples/market-small.json" --format xml
