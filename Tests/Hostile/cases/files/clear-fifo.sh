mkfifo m.json
gm clear m.json
