gm sweep builtin:ishigami --vary x1=1,2 --quiet --shard 0/2 --db a.sqlite
gm sweep builtin:ishigami --vary x1=1,2 --quiet --shard 1/2 --db b.sqlite
gm merge out.sqlite a.sqlite b.sqlite
gm merge out.sqlite a.sqlite b.sqlite
