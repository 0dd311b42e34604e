# A plain number where text is expected is text (YAML has no way to tell), and that is fine.
extend s.yaml 'name: 42'
gm validate s.yaml
