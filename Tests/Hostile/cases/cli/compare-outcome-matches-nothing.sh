base
gm compare base.yaml base.yaml --outcome no.such.outcome --quiet
