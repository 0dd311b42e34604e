gm validate /dev/null
