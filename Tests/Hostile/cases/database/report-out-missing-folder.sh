gm sweep builtin:ishigami --vary x1=1,2 --quiet --db s.sqlite
gm report s.sqlite --out no/such/r.md
files
