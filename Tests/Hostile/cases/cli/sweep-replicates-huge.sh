gm sweep builtin:ishigami --replicates 1000000000000 --vary x1=1,2 --db s.sqlite --quiet
files
