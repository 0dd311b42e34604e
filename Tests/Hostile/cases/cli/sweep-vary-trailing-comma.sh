gm sweep builtin:ishigami --vary x1=1,2, --db s.sqlite --quiet
files
