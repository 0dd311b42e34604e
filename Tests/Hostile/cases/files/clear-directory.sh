mkdir m.json
gm clear m.json
