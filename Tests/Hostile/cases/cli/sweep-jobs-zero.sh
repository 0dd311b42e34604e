gm sweep builtin:ishigami --vary x1=1,2 --jobs 0 --db s.sqlite --quiet
files
