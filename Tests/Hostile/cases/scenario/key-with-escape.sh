extend s.yaml 'market: { "sigm\e]0;owned\a": 2 }'
gm validate s.yaml
