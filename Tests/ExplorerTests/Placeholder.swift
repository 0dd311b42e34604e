import Explorer
