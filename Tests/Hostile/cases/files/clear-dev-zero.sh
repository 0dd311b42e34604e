gm clear /dev/zero
