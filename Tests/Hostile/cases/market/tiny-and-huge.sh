echo '{"sigma": 50, "buyers": [{"name": "a", "budget": 1e-300}, {"name": "b", "budget": 1e300}], "products": [{"name": "p", "supply": 1e-300}, {"name": "q", "supply": 1e300}], "valuations": [[1e-300, 1e300], [1e300, 1e-300]]}' > m.json
gm clear m.json
