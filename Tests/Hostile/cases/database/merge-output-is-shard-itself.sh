gm sweep builtin:ishigami --vary x1=1,2 --quiet --shard 0/2 --db a.sqlite
gm merge a.sqlite a.sqlite
rows a.sqlite runs
