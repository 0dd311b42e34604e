// swift-tools-version: 6.0
import PackageDescription

let package = Package(
  name: "gpumarket",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "gpumarket", targets: ["gpumarket"]),
    .library(name: "MarketClearing", targets: ["MarketClearing"]),
    .library(name: "Simulation", targets: ["Simulation"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
  ],
  targets: [
    // MARK: - Implementation details

    /// OpenBLAS through its CBLAS header; imported by LinearAlgebra only.
    .systemLibrary(
      name: "CBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
    ),
    /// SQLite through its C API; imported by Experiments only (the results store).
    .systemLibrary(
      name: "CSQLite",
      pkgConfig: "sqlite3",
      providers: [.apt(["libsqlite3-dev"])]
    ),

    // MARK: - Libraries

    .target(name: "LinearAlgebra", dependencies: ["CBLAS"]),
    .target(name: "Randomness"),
    .target(name: "JSONWriting"),
    .target(name: "SafeIO"),
    /// YAML and JSON read into located trees (file, line, column, key path), with limits on size,
    /// depth and aliases, diagnostics reported all at once, `extends` and `--set`.
    .target(
      name: "LocatedYAML", dependencies: ["SafeIO", .product(name: "Yams", package: "Yams")]),
    .target(name: "MarketClearing", dependencies: ["LinearAlgebra"]),
    .target(
      name: "Simulation", dependencies: ["MarketClearing", "LinearAlgebra", "Randomness", "JSONWriting"]),
    .target(
      name: "ScenarioFormat",
      dependencies: [
        "Simulation", "MarketClearing", "LinearAlgebra", "JSONWriting", "SafeIO", "LocatedYAML",
      ]
    ),
    .target(
      name: "Experiments",
      dependencies: ["CSQLite", "Randomness", "SafeIO", "LocatedYAML"]
    ),
    .target(name: "Reports", dependencies: ["Experiments", "JSONWriting"]),

    .target(
      name: "ScenarioExperiments",
      dependencies: ["Experiments", "ScenarioFormat", "Simulation", "LocatedYAML"]
    ),

    /// `gpumarket explore`: a local HTTP server with one page for what-if runs of a scenario.
    .target(
      name: "Explorer",
      dependencies: [
        "Simulation", "ScenarioFormat", "LocatedYAML", "Reports", "Experiments",
        .product(name: "FlyingFox", package: "FlyingFox"),
      ]
    ),

    /// HTTP to 127.0.0.1 over a plain socket and a WebDriver client on it (chromedriver): for
    /// the explorer's tests and benchmark.
    .target(name: "LoopbackHTTP"),

    // MARK: - Executables

    .executableTarget(
      name: "gpumarket",
      dependencies: [
        "MarketClearing", "Simulation", "ScenarioFormat", "Experiments", "Reports", "ScenarioExperiments",
        "SafeIO", "LocatedYAML", "JSONWriting", "Explorer",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "gpumarket-bench",
      dependencies: [
        "LinearAlgebra", "MarketClearing", "Simulation", "ScenarioFormat", "Experiments",
        "ScenarioExperiments", "Randomness", "LocatedYAML", "Reports", "Explorer", "LoopbackHTTP",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Benchmarks/gpumarket-bench"
    ),
    /// libFuzzer targets for the loaders (scripts/fuzz); without the fuzzer, a replayer of inputs.
    .executableTarget(
      name: "gpumarket-fuzz",
      dependencies: ["ScenarioFormat", "Simulation", "Experiments", "LocatedYAML"],
      path: "Fuzz/gpumarket-fuzz"
    ),

    // MARK: - Tests

    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "Randomness"]),
    .testTarget(name: "MarketClearingTests", dependencies: ["MarketClearing", "LinearAlgebra", "Randomness"]),
    .testTarget(
      name: "ScenarioFormatTests",
      dependencies: ["ScenarioFormat", "LocatedYAML", "MarketClearing", "Simulation"],
      exclude: ["Broken"]),
    .testTarget(
      name: "GPUMarketCLITests",
      dependencies: ["gpumarket", "Experiments", "ScenarioExperiments", "LocatedYAML", "LoopbackHTTP"]),
    .testTarget(name: "SimulationTests", dependencies: ["Simulation", "ScenarioFormat"]),
    .testTarget(
      name: "ExperimentsTests", dependencies: ["Experiments", "Randomness", "LocatedYAML"],
      exclude: ["BrokenSweeps"]),
    .testTarget(
      name: "ExplorerTests",
      dependencies: [
        "Explorer", "Simulation", "ScenarioFormat", "LoopbackHTTP", "Experiments", "LocatedYAML",
      ]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "Experiments", "JSONWriting"], exclude: ["Golden"]),
    .testTarget(
      name: "PropertyTests",
      dependencies: [
        "MarketClearing", "LinearAlgebra", "Simulation", "ScenarioFormat", "LocatedYAML",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
  ]
)
