echo '{"sigma": 2, "buyers": [], "products": [{"name": "p", "supply": 1}], "valuations": []}' > m.json
gm clear m.json
