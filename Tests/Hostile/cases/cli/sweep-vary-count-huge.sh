gm sweep builtin:ishigami --vary x1=0..1:1000000000000 --db s.sqlite --quiet
files
