base
mkdir -p out/summary.csv
gmq run base.yaml --out out
files
