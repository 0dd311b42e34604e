base
echo "\$ gpumarket run base.yaml > /dev/full"; "$GM" run base.yaml > /dev/full 2> err; echo "--- exit $?"; cat err
