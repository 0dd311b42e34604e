gm clear "$ROOT/examples/market-small.json" --kernel gpu
