import Foundation

/// What a finished command left behind.
struct CommandResult: Sendable {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs a program to completion with `Foundation.Process`, capturing both streams.
enum CommandRunner {
  /// The environment every test starts from: UTC so demo timestamps and `--at` agree, and a UTF-8
  /// locale unless a test overrides it.
  static func baseEnvironment() -> [String: String] {
    var env = ProcessInfo.processInfo.environment
    env["TZ"] = "UTC"
    env["LANG"] = "C.UTF-8"
    env.removeValue(forKey: "LC_ALL")
    env.removeValue(forKey: "LC_CTYPE")
    env.removeValue(forKey: "NO_COLOR")
    return env
  }

  /// `timeout`: give up after this many seconds, kill the program and throw `TimedOut` (for
  /// commands that must return, such as a report on `/dev/zero`).
  static func run(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    currentDirectory: String? = nil, timeout: TimeInterval? = nil
  ) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = environment ?? baseEnvironment()
    if let currentDirectory {
      process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory)
    }
    // Files rather than pipes: no risk of a full pipe blocking the child while we wait on it.
    let scratch = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitrep-e2e-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout")
    let errURL = scratch.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    if let timeout {
      // Polled against a deadline: the program's exit is the condition, not a fixed wait.
      let deadline = Date().addingTimeInterval(timeout)
      while process.isRunning && Date() < deadline { usleep(20_000) }
      if process.isRunning {
        process.terminate()
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        throw TimedOut(arguments: arguments, seconds: timeout)
      }
    }
    process.waitUntilExit()
    try out.close()
    try err.close()
    return CommandResult(
      status: process.terminationStatus,
      stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
  }

  /// Runs the `sitrep` binary.
  static func sitrep(
    _ arguments: [String], environment: [String: String]? = nil, timeout: TimeInterval? = nil
  ) throws -> CommandResult {
    try run(SitrepBinary.path, arguments, environment: environment, timeout: timeout)
  }
}

/// A command still running at its deadline (it was killed).
struct TimedOut: Error, CustomStringConvertible {
  var arguments: [String]
  var seconds: TimeInterval
  var description: String { "still running after \(seconds) s: \(arguments)" }
}
