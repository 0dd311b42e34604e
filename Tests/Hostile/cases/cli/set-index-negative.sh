base
gm validate base.yaml --set 'events[-1].at=2024-01'
