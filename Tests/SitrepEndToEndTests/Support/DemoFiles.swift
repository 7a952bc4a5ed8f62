import Foundation

/// Demo log files written by the binary itself (`sitrep demo --no-ui`), deterministic for a seed
/// and start time, in a temp folder owned by one test.
struct DemoFiles {
  /// 2026-11-24T14:00:00Z: the demo's start. History begins 15 minutes earlier; the deploy of
  /// v1.4.2 goes out 60 s after the start.
  static let fixedStart = 1_795_528_800
  static let deployAt = fixedStart + 60
  /// How far past the start the files reach: a few minutes after the deploy, so the regression
  /// and the failing task are visible.
  static let until = 240

  let directory: URL

  /// Writes the files; throws when the binary fails so a test stops with its message.
  static func make(seed: UInt64 = 42, start: Int = fixedStart, until: Int = until) throws
    -> DemoFiles
  {
    // A fixed last component: sitrep names a service after a job log's folder, and goldens
    // must not depend on the random part.
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitrep-e2e-\(UUID().uuidString)/demo")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let result = try CommandRunner.sitrep([
      "demo", "--no-ui", "--dir", dir.path, "--seed", String(seed), "--start", String(start),
      "--until", String(until),
    ])
    guard result.status == 0 else {
      throw E2EFailure("sitrep demo --no-ui failed (\(result.status)): \(result.stderr)")
    }
    return DemoFiles(directory: dir)
  }

  /// Every file the demo wrote, sorted so command lines are stable.
  var paths: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.sorted().map { directory.appendingPathComponent($0).path }
  }

  func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  func remove() { try? FileManager.default.removeItem(at: directory.deletingLastPathComponent()) }
}

/// A failure in the test's own plumbing, with a message worth reading.
struct E2EFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
