extend s.yaml 'market: !python/object:os.system { sigma: 2 }'
gm validate s.yaml
