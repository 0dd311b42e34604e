"$GM" sweep builtin:ishigami-slow --vary x1=0..1:200 --jobs 1 --quiet --db s.sqlite > first.out 2>&1 &
first=$!
for _ in $(seq 100); do [ -s s.sqlite ] && break; sleep 0.1; done
sleep 0.5
gm sweep builtin:ishigami --vary x2=1,2 --quiet --db s.sqlite
kill -INT $first; wait $first
echo "--- first sweep: exit $?"
rm first.out
