extend s.yaml 'name: "a\nfake.yaml:1:1: error: forged"'
gm validate s.yaml
