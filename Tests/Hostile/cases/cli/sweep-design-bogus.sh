gm sweep builtin:ishigami --vary x1=1,2 --design magic --db s.sqlite --quiet
files
