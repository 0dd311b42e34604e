gm sweep builtin:ishigami --vary x1=1,2 --shard a/b --db s.sqlite --quiet
files
