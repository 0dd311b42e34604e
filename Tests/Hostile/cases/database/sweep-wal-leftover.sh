gm sweep builtin:ishigami --vary x1=1,2 --quiet --db s.sqlite
echo junk > s.sqlite-wal
gm sweep builtin:ishigami --vary x1=1,2 --quiet --db s.sqlite
rows s.sqlite runs
