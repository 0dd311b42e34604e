extend s.yaml 'chips: { h100: { leadTimeMonths: 61 } }'
gm validate s.yaml
