gm sweep builtin:ishigami --vary x1=1,2 --jobs 1000000000 --db s.sqlite --quiet
files
