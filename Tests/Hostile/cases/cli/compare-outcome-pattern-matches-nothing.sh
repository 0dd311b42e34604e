base
gm compare base.yaml base.yaml --outcome 'zzz*' --quiet
