gm validate
