gm sweep builtin:ishigami --design sobol --samples 4611686018427387904 --vary x1=0..1 --db s.sqlite --quiet
files
