import Foundation
import PropertyBased
import ScenarioFormat
import Simulation
import Testing

/// Random byte mutations of a valid scenario file never crash what `validate` and `run` do:
/// each mutant is refused with diagnostics, or checked and run to the end (or stopped with a
/// reported error). A trap would end the test process, which fails the suite.
@Suite struct ByteMutationProperties {
  static let original: [UInt8] = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("ScenarioFormatTests/Broken/base.yaml")
    return Array((try? Data(contentsOf: url)) ?? Data())
  }()

  /// Up to eight edits, each at a position (a fraction of the file) with a byte and a kind:
  /// replace, insert, delete, or copy a run of bytes from elsewhere.
  static let mutations = zip(
    Gen.double(in: 0..<1).array(of: 1...8), Gen.int(in: 0...255).array(of: 8),
    Gen.int(in: 0...3).array(of: 8), Gen.double(in: 0..<1).array(of: 8)
  )

  static func mutate(_ bytes: [UInt8], _ edits: ([Double], [Int], [Int], [Double])) -> [UInt8] {
    var result = bytes
    for (k, position) in edits.0.enumerated() where !result.isEmpty {
      let at = min(result.count - 1, Int(position * Double(result.count)))
      let byte = UInt8(edits.1[k])
      switch edits.2[k] {
      case 0: result[at] = byte
      case 1: result.insert(byte, at: at)
      case 2: result.remove(at: at)
      default:
        let from = min(result.count - 1, Int(edits.3[k] * Double(result.count)))
        result.insert(contentsOf: result[from..<min(result.count, from + Int(byte) % 40)], at: at)
      }
    }
    return result
  }

  @Test("Mutated scenario files never crash validate or run")
  func mutantsAreRefusedOrRun() async throws {
    #expect(!Self.original.isEmpty)
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gpumarket-mutants-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("mutant.yaml").path
    nonisolated(unsafe) var ran = 0
    nonisolated(unsafe) var refused = 0
    await propertyCheck(count: 300, input: Self.mutations) { edits in
      let mutant = Self.mutate(Self.original, edits)
      FileManager.default.createFile(atPath: path, contents: Data(mutant))
      // What validate does, through the same loader.
      let outcome = ScenarioLoader.check(path: path, overrideTexts: [])
      guard let scenario = outcome.scenario else {
        #expect(!outcome.diagnostics.isEmpty, "refused without a reason")
        refused += 1
        return
      }
      // What run does next: a run that starts ends with a result or a reported error.
      do {
        let result = try Engine.run(scenario, seed: scenario.defaultSeed)
        #expect(result.months.count * result.stepMonths == scenario.months)
      } catch {
        #expect(!"\(error)".isEmpty)
      }
      ran += 1
    }
    // Both kinds occur: the mutations neither always break nor never break the file.
    #expect(ran > 0 && refused > 0, "ran \(ran), refused \(refused)")
  }
}
