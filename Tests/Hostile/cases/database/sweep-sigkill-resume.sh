# SIGKILL in the middle of a sweep, then the same command again: the database equals an
# uninterrupted sweep's, run for run.
args="builtin:ishigami-slow --vary x1=0..1:40 --vary x2=1,2 --replicates 2 --jobs 2 --quiet"
"$GM" sweep $args --db killed.sqlite > /dev/null 2>&1 &
pid=$!
for _ in $(seq 200); do
  n=$(python3 -c 'import sqlite3; print(sqlite3.connect("killed.sqlite").execute("select count(*) from runs").fetchone()[0])' 2>/dev/null || echo 0)
  [ "${n:-0}" -ge 30 ] && break
  sleep 0.05
done
kill -KILL $pid; wait $pid 2>/dev/null
echo "--- killed after at least 30 runs"
gmq sweep $args --db killed.sqlite
gmq sweep $args --db whole.sqlite
python3 - <<'P'
import sqlite3
def dump(path):
    c = sqlite3.connect(path)
    tables = [r[0] for r in c.execute("select name from sqlite_master where type='table' order by name")]
    out = {}
    for t in tables:
        cols = [r[1] for r in c.execute(f"pragma table_info({t})")]
        keep = [x for x in cols if x not in ("started_at", "finished_at", "elapsed_seconds", "created_at", "host", "wall_seconds")]
        out[t] = sorted(map(repr, c.execute(f"select {','.join(keep)} from {t}")))
    return out
a, b = dump("killed.sqlite"), dump("whole.sqlite")
print("--- resumed database equals the uninterrupted one:", a == b, f"({sum(map(len, a.values()))} rows)")
P
