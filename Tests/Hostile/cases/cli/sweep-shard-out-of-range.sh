gm sweep builtin:ishigami --vary x1=1,2 --shard 4/4 --db s.sqlite --quiet
files
