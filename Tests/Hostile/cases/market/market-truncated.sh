head -c 60 "$ROOT/examples/market-small.json" > m.json
gm clear m.json
