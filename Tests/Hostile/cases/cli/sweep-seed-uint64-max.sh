gm sweep builtin:ishigami --vary x1=1,2 --seed 18446744073709551615 --db s.sqlite --quiet
rows s.sqlite runs
