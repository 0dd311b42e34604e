gm sweep builtin:ishigami --vary x1=0..1:100000 --vary x2=0..1:100000 --vary x3=0..1:100000 --db s.sqlite --quiet
files
