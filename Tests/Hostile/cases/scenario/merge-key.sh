extend s.yaml 'anchors: &a { sigma: 2 }' 'market: { <<: *a }'
gm validate s.yaml
