# A database on a read-only file system: the refusal names the file and says why.
mkdir d
gm sweep builtin:ishigami --vary x1=1,2 --quiet --db d/s.sqlite
mount --bind d d && mount -o remount,bind,ro d
gm sweep builtin:ishigami --vary x1=1,2,3 --quiet --db d/s.sqlite
gm sweep builtin:ishigami --vary x1=1,2 --quiet --db d/s.sqlite
files
