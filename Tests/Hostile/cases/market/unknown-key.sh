echo '{"sigma": 2, "sigmaa": 3, "buyers": [{"name": "a", "budget": 1}, {"name": "b", "budget": 2}], "products": [{"name": "p", "supply": 1}, {"name": "q", "supply": 2}], "valuations": [[1, 2], [2, 1]]}' > m.json
gm clear m.json
