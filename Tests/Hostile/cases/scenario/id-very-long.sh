extend s.yaml "contracts: { deal: { buyer: $(printf 'b%.0s' $(seq 300)) } }"
gm validate s.yaml
