import Foundation

/// Where the bundled scenarios are found, in this order: `$GPUMARKET_SCENARIOS`; `scenarios/`
/// in the current directory; `scenarios/` in the executable's directory or any of its parents
/// (so a binary built in `.build/debug` finds the repository's folder).
enum ScenarioDirectory {
  static func find() -> URL? {
    let fm = FileManager.default
    func isDirectory(_ url: URL) -> Bool {
      var dir: ObjCBool = false
      return fm.fileExists(atPath: url.path, isDirectory: &dir) && dir.boolValue
    }
    if let env = ProcessInfo.processInfo.environment["GPUMARKET_SCENARIOS"], !env.isEmpty {
      let url = URL(fileURLWithPath: env)
      if isDirectory(url) { return url }
    }
    let here = URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("scenarios")
    if isDirectory(here) { return here }
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    for _ in 0..<6 {
      let candidate = directory.appendingPathComponent("scenarios")
      if isDirectory(candidate) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return nil
  }

  /// `name` itself if it is a file; otherwise `name` or `name.yaml` in the bundled folder.
  static func resolve(_ name: String) -> String {
    let fm = FileManager.default
    if fm.fileExists(atPath: name) { return name }
    guard let dir = find() else { return name }
    for candidate in [name, name + ".yaml", name + ".yml", name + ".json"] {
      let url = dir.appendingPathComponent(candidate)
      if fm.fileExists(atPath: url.path) { return url.path }
    }
    return name
  }

  /// The scenario files in the folder, sorted by name.
  static func files(in dir: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") || $0.hasSuffix(".json") }
      .sorted().map { dir.appendingPathComponent($0) }
  }
}
