gm sweep builtin:ishigami --design random --samples 1000000000000 --vary x1=0..1 --db s.sqlite --quiet
files
