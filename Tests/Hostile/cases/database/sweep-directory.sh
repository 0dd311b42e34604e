mkdir db
gm sweep builtin:ishigami --vary x1=1,2 --quiet --db db
files
