gm sweep builtin:ishigami --design random --samples 0 --vary x1=0..1 --db s.sqlite --quiet
files
