gm frobnicate
