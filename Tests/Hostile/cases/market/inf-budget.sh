echo '{"sigma": 2, "buyers": [{"name": "a", "budget": .inf}], "products": [{"name": "p", "supply": 1}], "valuations": [[1]]}' > m.json
gm clear m.json
