base
{ cat base.yaml; echo '---'; cat base.yaml; } > s.yaml
gm validate s.yaml
