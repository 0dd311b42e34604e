base
tmpfs ro ro
gmq run base.yaml --out ro/out
files
