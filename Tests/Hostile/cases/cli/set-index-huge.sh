base
gm validate base.yaml --set 'events[99999999999999999999].at=2024-01'
