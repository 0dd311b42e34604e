base f0.yaml
for i in $(seq 1 17); do printf 'extends: f%d.yaml\n' $((i - 1)) > f$i.yaml; done
gm validate f17.yaml
