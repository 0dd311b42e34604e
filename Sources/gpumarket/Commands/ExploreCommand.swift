import ArgumentParser
import Explorer
import Foundation

extension ExitStatus {
  /// `explore` could not listen on the address (in use, not local, or not an address).
  static let serverFailed = ExitCode(6)
}

/// `gpumarket explore [SCENARIO]`: a local web page for what-if runs of one scenario.
struct ExploreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explore",
    abstract: "Serve a local web page for what-if runs of a scenario.",
    discussion: CommandHelp.discussion(
      """
      SCENARIO is a scenario file or the name of a bundled scenario (default baseline-2026). \
      The first line on stdout is the URL served, e.g. http://127.0.0.1:8600/; open it in a \
      browser. The page has sliders for the assumptions that matter and takes any --set key \
      path; each change re-runs the scenario on the server and redraws the charts against the \
      unmodified run. The what-if can be saved as a scenario file that extends SCENARIO, or \
      copied as a `gpumarket run` command line. A TCO panel values owning a fleet against \
      renting (as `gpumarket tco`).

      Bad values get the same located messages as `run --set`. The server answers at most \
      \(ExplorerLimits().maxConcurrentRuns) runs at once (503 beyond), bodies up to \
      \(ExplorerLimits().maxBodyBytes / 1024) KiB (413 beyond), and runs up to \
      \(Int(ExplorerLimits().runTimeLimitSeconds)) s. It listens on 127.0.0.1 unless --host \
      says otherwise, and stops on SIGINT (Ctrl-C) or SIGTERM with status 0. docs/explore.md \
      lists the routes.
      """,
      examples: [
        "gpumarket explore --port 0",
        "gpumarket explore hbm-tight --port 0 --host 127.0.0.1",
      ])
  )

  @Argument(help: "The scenario file, or a bundled scenario's name.")
  var scenario = "baseline-2026"

  @Option(help: "Port to listen on (0: any free port).")
  var port: UInt16 = 8600

  @Option(help: "Address to listen on: an IPv4 or IPv6 literal, or localhost.")
  var host = "127.0.0.1"

  func run() throws {
    let model: ExplorerModel
    do {
      model = try ExplorerModel(
        scenarioPath: ScenarioDirectory.resolve(scenario), source: scenario)
    } catch {
      printError(error.description)
      throw ExitStatus.invalidInput
    }
    let server: ExplorerServer
    do {
      server = try ExplorerServer(app: ExplorerApp(model: model), host: host, port: port)
    } catch {
      printError("error: --host: \(error.description)")
      throw ExitStatus.serverFailed
    }
    let outcome = ServeOutcome()
    let finished = DispatchSemaphore(value: 0)
    // Signals are handled before the server starts, so that one sent as soon as the URL is
    // printed is not lost.
    var sources: [any DispatchSourceSignal] = []
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler {
        outcome.stopRequested()
        Task {
          await server.stop(timeout: 1)
          finished.signal()
        }
        // However long the connections take to close, the process ends soon after.
        DispatchQueue.global().asyncAfter(deadline: .now() + 3) { finished.signal() }
      }
      source.resume()
      sources.append(source)
    }
    Task {
      do {
        try await server.run()
      } catch {
        outcome.fail(error)
      }
      finished.signal()
    }
    Task {
      do {
        let listening = try await server.waitUntilListening()
        // Written at once, unbuffered: a program reading the pipe sees the line now.
        FileHandle.standardOutput.write(Data((server.url(port: listening) + "\n").utf8))
        printError("explore: serving \(model.scenario.name); Ctrl-C stops")
      } catch {
        outcome.fail(error)
        finished.signal()
      }
    }
    finished.wait()
    for source in sources { source.cancel() }
    if let error = outcome.failure {
      printError("error: could not serve on \(host):\(port): \(error)")
      throw ExitStatus.serverFailed
    }
  }
}

/// How serving ended: a stop asked for by a signal, or a failure (set from other threads).
private final class ServeOutcome: @unchecked Sendable {
  private let lock = NSLock()
  private var stopping = false
  private var error: (any Error)?

  func stopRequested() {
    lock.lock()
    stopping = true
    lock.unlock()
  }

  /// Records `error` unless a stop was asked for (stopping ends `run` with an error too).
  func fail(_ error: any Error) {
    lock.lock()
    if !stopping, self.error == nil { self.error = error }
    lock.unlock()
  }

  var failure: (any Error)? {
    lock.lock()
    defer { lock.unlock() }
    return stopping ? nil : error
  }
}
