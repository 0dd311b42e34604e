gm sweep builtin:ishigami --replicates 0 --vary x1=1,2 --db s.sqlite --quiet
files
