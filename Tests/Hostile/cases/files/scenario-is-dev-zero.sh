# A character device that never ends.
gm validate /dev/zero
