gm sweep builtin:ishigami --vary x1=1,2 --quiet --db s.sqlite
mkdir r.md
gm report s.sqlite --out r.md
files
