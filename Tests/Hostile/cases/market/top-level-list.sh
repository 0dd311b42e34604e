echo '[1, 2, 3]' > m.json
gm clear m.json
