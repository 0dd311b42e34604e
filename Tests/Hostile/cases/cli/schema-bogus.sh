gm schema --format yaml
