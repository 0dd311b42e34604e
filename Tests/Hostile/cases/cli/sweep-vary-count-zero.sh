gm sweep builtin:ishigami --vary x1=0..1:0 --db s.sqlite --quiet
files
