# SIGKILL in the middle of a sweep, then the same command again: the database equals an
# uninterrupted sweep's, run for run.
#
# The kill waits for a condition, not a time: one Python process starts the sweep, reads the
# runs table until it holds at least 30 rows (for at most 60 s), and kills at once. No shell
# job is involved, so no job-status line can reach the output, and the case says so plainly if
# the sweep ended before the kill or never reached 30 runs. 400 runs at 5 ms each leave the
# poll a wide margin on a loaded machine.
args="builtin:ishigami-slow --vary x1=0..1:100 --vary x2=1,2 --replicates 2 --jobs 2 --quiet"
# shellcheck disable=SC2086 # $args is a list of words
python3 - "$GM" sweep $args --db killed.sqlite <<'P'
import signal, sqlite3, subprocess, sys, time

total, threshold, limit = 400, 30, 60.0

def runs():
    try:
        with sqlite3.connect("file:killed.sqlite?mode=ro", uri=True, timeout=0.1) as c:
            return c.execute("select count(*) from runs").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created yet, schema not written yet, or locked for a moment

sweep = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
deadline = time.monotonic() + limit
while sweep.poll() is None and runs() < threshold and time.monotonic() < deadline:
    time.sleep(0.002)
sweep.send_signal(signal.SIGKILL)
status = sweep.wait()
done = runs()
if status != -signal.SIGKILL:
    print(f"--- the sweep ended by itself (status {status}) after {done} runs, before the kill")
elif done < threshold:
    print(f"--- no {threshold} runs within {limit:.0f} s ({done} written)")
elif done >= total:
    print(f"--- killed only after all {total} runs")
else:
    print(f"--- killed after at least {threshold} of {total} runs")
P
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
