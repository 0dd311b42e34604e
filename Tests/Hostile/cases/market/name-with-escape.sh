echo '{"sigma": 2, "buyers": [{"name": "\\u001b[2Ja", "budget": 1}], "products": [{"name": "p", "supply": 1}], "valuations": [[1]]}' > m.json
gm clear m.json
