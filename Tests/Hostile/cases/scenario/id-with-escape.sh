# An escape sequence in an id is shown escaped, never sent raw to the terminal.
extend s.yaml 'contracts: { deal: { buyer: "lab\e[2J\e[31m" } }'
gm validate s.yaml
