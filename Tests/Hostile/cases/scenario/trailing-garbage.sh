base
{ cat base.yaml; echo '} ] :'; } > s.yaml
gm validate s.yaml
