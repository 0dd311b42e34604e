gm sweep builtin:ishigami --vary x1=1,2 --quiet --db no/such/folder/s.sqlite
files
