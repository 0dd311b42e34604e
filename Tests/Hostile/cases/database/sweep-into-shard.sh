gm sweep builtin:ishigami --vary x1=1,2 --quiet --shard 0/2 --db shard.sqlite
gm sweep builtin:ishigami --vary x1=1,2 --quiet --db shard.sqlite
rows shard.sqlite runs
