tmpfs ro ro
gm sweep builtin:ishigami --vary x1=1,2 --quiet --db ro/s.sqlite
files
