import Foundation
import LocatedYAML
import ScenarioFormat

/// The two ways the page hands a what-if back: a scenario file laid over the original, and the
/// `gpumarket run` command line that runs the same thing.
public enum WhatIfText {
  /// `text` quoted for a POSIX shell when it needs it (single quotes, `'` written `'\''`).
  public static func shellQuoted(_ text: String) -> String {
    let safe = CharacterSet(
      charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-")
    if !text.isEmpty, text.unicodeScalars.allSatisfy({ safe.contains($0) }) { return text }
    return "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }

  /// `gpumarket run SOURCE --set k=v ...`, every word shell-quoted.
  public static func commandLine(source: String, overrides: [String], seed: UInt64? = nil) -> String
  {
    var words = ["gpumarket", "run", source]
    if let seed { words += ["--seed", String(seed)] }
    for text in overrides { words += ["--set", text] }
    return words.map(shellQuoted).joined(separator: " ")
  }

  /// `gpumarket compare SOURCE WHAT-IF --replicates K [--seed S]`: the replicate runs the
  /// explorer draws fans from, with the what-if saved as `whatIfFile`.
  public static func compareCommandLine(
    source: String, whatIfFile: String, replicates: Int, seed: UInt64? = nil
  ) -> String {
    var words = ["gpumarket", "compare", source, whatIfFile, "--replicates", String(replicates)]
    if let seed { words += ["--seed", String(seed)] }
    return words.map(shellQuoted).joined(separator: " ")
  }

  /// The name the page saves the what-if's scenario file under.
  public static func fileName(scenarioName: String) -> String { scenarioName + "-what-if.yaml" }

  /// A scenario file that `extends` the one at `basePath` (written as given: an absolute path
  /// keeps the file valid wherever it is saved) and sets each override's key path to its value.
  ///
  /// Keys become nested mappings; a path through a list index (`events[0].at`) cannot be laid
  /// over a list, so the file sets that top-level key whole, as `--set` leaves it. Values are
  /// written as JSON, which YAML reads as the same value. Overrides must already have passed
  /// `ScenarioLoader.check`; `modified` is the document they produced.
  public static func scenarioFile(
    basePath: String, name: String, source: String, overrides: [String], modified: DocumentNode
  ) -> String {
    var lines = [
      "# What-if of \(source), written by gpumarket explore; the same run as:",
      "#   " + commandLine(source: source, overrides: overrides),
      "extends: " + json(basePath),
      "name: " + json(name + "-what-if"),
      "description: " + json("\(name) with " + overrides.joined(separator: ", ")),
    ]
    var tree = Tree()
    var whole: [String] = []
    for text in overrides {
      guard let (path, value) = try? Document.parseOverride(text) else { continue }
      let keys = path.components.compactMap { component -> String? in
        if case .key(let key) = component { return key }
        return nil
      }
      guard keys.count == path.components.count, !keys.isEmpty else {
        if case .key(let top)? = path.components.first, !whole.contains(top) { whole.append(top) }
        continue
      }
      let node = try? Document.parse(value, file: "--set")
      tree.set(keys, to: node.map { $0.json.serialized(indent: 0) } ?? json(value))
    }
    for top in whole {
      tree.remove(top)
      if let node = modified[top] { tree.set([top], to: node.json.serialized(indent: 0)) }
    }
    lines += tree.lines(indent: "")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A mapping key: plain when it is an identifier YAML reads as a string, JSON-quoted otherwise.
  private static func key(_ text: String) -> String {
    let plain =
      text.first.map { $0.isLetter || $0 == "_" } == true
      && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
      && !["true", "false", "null", "yes", "no", "on", "off", "y", "n"].contains(text.lowercased())
    return plain ? text : json(text)
  }

  private static func json(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          out += String(format: "\\u%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  /// Nested keys in insertion order; a leaf holds a value's JSON text.
  private struct Tree {
    struct Node {
      var key: String
      var leaf: String?
      var children: [Node] = []
    }

    var nodes: [Node] = []

    mutating func set(_ keys: [String], to value: String) {
      Self.set(&nodes, keys[...], value)
    }

    mutating func remove(_ key: String) { nodes.removeAll { $0.key == key } }

    private static func set(_ nodes: inout [Node], _ keys: ArraySlice<String>, _ value: String) {
      guard let key = keys.first else { return }
      var index = nodes.firstIndex { $0.key == key } ?? nodes.count
      if index == nodes.count {
        nodes.append(Node(key: key, leaf: nil))
        index = nodes.count - 1
      }
      if keys.count == 1 {
        nodes[index] = Node(key: key, leaf: value)
      } else {
        nodes[index].leaf = nil
        set(&nodes[index].children, keys.dropFirst(), value)
      }
    }

    func lines(indent: String) -> [String] { Self.lines(nodes, indent) }

    private static func lines(_ nodes: [Node], _ indent: String) -> [String] {
      nodes.flatMap { node -> [String] in
        let key = WhatIfText.key(node.key)
        if let leaf = node.leaf { return ["\(indent)\(key): \(leaf)"] }
        return ["\(indent)\(key):"] + lines(node.children, indent + "  ")
      }
    }
  }
}
