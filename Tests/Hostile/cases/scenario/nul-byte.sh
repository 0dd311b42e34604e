base
{ cat base.yaml; printf '# \0\n'; } > s.yaml
gm validate s.yaml
