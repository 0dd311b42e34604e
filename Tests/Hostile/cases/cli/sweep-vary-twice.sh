gm sweep builtin:ishigami --vary x1=1,2 --vary x1=3 --db s.sqlite --quiet
files
