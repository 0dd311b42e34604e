gm sweep builtin:ishigami --vary x1=2..1:3 --db s.sqlite --quiet
files
