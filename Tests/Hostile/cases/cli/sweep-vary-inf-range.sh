gm sweep builtin:ishigami --design random --vary x1=0..inf --db s.sqlite --quiet
files
