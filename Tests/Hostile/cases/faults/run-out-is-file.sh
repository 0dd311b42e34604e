base
echo keep > out
gmq run base.yaml --out out
files
