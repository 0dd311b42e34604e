python3 -c 'import socket; s=socket.socket(socket.AF_UNIX); s.bind("s.yaml")'
gm validate s.yaml
