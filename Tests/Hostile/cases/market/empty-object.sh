echo '{}' > m.json
gm clear m.json
