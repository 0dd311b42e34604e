base
gmq run base.yaml --out a/b/c
find a -type f | sort
