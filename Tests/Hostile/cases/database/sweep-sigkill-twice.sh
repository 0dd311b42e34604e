args="builtin:ishigami-slow --vary x1=0..1:2000 --jobs 2 --quiet"
for round in 1 2; do
  "$GM" sweep $args --db s.sqlite > /dev/null 2>&1 &
  pid=$!
  sleep 0.4
  kill -KILL $pid; wait $pid 2>/dev/null
done
gmq sweep $args --db s.sqlite
rows s.sqlite runs
python3 -c 'import sqlite3; print("--- integrity:", sqlite3.connect("s.sqlite").execute("pragma integrity_check").fetchone()[0])'
