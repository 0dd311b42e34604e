gm sweep builtin:ishigami --vary x1=1,2 --shard 0/0 --db s.sqlite --quiet
files
