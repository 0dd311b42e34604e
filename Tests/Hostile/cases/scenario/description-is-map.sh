extend s.yaml 'description: { text: hello }'
gm validate s.yaml
