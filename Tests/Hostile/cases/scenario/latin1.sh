base
{ cat base.yaml; printf 'description: caf\xe9\n'; } > s.yaml
gm validate s.yaml
