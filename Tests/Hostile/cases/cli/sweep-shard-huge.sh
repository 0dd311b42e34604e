gm sweep builtin:ishigami --vary x1=1,2 --shard 0/99999999999999999999 --db s.sqlite --quiet
files
