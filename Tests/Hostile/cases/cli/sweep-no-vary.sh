gm sweep builtin:ishigami --db s.sqlite --quiet
files
