base
echo "\$ gpumarket validate base.yaml >&-"; "$GM" validate base.yaml >&- 2> err; echo "--- exit $?"; cat err
