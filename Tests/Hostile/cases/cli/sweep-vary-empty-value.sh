gm sweep builtin:ishigami --vary x1= --db s.sqlite --quiet
files
