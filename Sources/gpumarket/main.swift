print("gpumarket")
