echo '{"sigma": 2, "buyers": [{"name": "a", "budget": 1}, {"name": "a", "budget": 2}], "products": [{"name": "p", "supply": 1}], "valuations": [[1], [1]]}' > m.json
gm clear m.json
