gm sweep builtin:ishigami --design sobol --samples 3 --vary x1=0..1 --db s.sqlite --quiet
files
