echo '{"sigma": 2, "buyers": [{"name": "a", "budget": 1}], "products": [], "valuations": [[]]}' > m.json
gm clear m.json
