gm sweep builtin:ishigami --vary x1=1,2 --quiet --shard 0/2 --db a.sqlite
tmpfs ro ro
gm merge ro/out.sqlite a.sqlite
files
