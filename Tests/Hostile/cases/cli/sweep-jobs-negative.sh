gm sweep builtin:ishigami --vary x1=1,2 --jobs -5 --db s.sqlite --quiet
files
