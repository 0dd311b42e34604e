# A FIFO with no writer would block a reader for ever.
mkfifo s.yaml
gm validate s.yaml
