# SIGINT during a sweep stops it cleanly (exit 130, stored runs kept); the same command resumes.
"$GM" sweep builtin:ishigami-slow --vary x1=0..1:1000 --jobs 2 --quiet --db s.sqlite > first.out 2>&1 &
pid=$!
for _ in $(seq 100); do [ -s s.sqlite ] && break; sleep 0.1; done
sleep 0.5
kill -INT $pid 2>/dev/null
wait $pid
echo "--- first sweep: exit $?, $(grep -c 'interrupted:' first.out) interrupted line"
rm first.out
gmq sweep builtin:ishigami-slow --vary x1=0..1:1000 --jobs 2 --quiet --db s.sqlite
rows s.sqlite runs
