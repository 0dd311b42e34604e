# Root reads a mode-000 file anyway; the case shows what happens when it is not root.
base
chmod 000 base.yaml
gm validate base.yaml
