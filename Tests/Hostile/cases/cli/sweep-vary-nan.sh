gm sweep builtin:ishigami --vary x1=nan,1 --db s.sqlite --quiet
files
