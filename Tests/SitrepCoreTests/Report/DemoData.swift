import Foundation

@testable import SitrepCore

/// Demo files written with a fixed seed and start, read back through the real pipeline.
enum DemoData {
  static let start: EpochSeconds = 1_795_000_000

  /// Reads the demo's files as of `start + seconds` and returns the monitor and per-source health.
  static func read(seconds: Double = 600, at: EpochSeconds? = nil) throws -> (
    Monitor, [SourceHealth]
  ) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-demo-\(UUID().uuidString)"
    ).path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let generator = try DemoGenerator(directory: dir, start: start, seed: 42)
    generator.write(until: start + seconds)
    let monitor = Monitor()
    if let at { monitor.ignoreAfter = at }
    var options = FollowOptions()
    options.fromStart = true
    let pipeline = IngestPipeline(
      specs: generator.allPaths.map { SourceSpec(pattern: $0) }, options: options, monitor: monitor,
      archive: nil, decoderOptions: DecoderOptions())
    pipeline.readOnce(now: start + seconds)
    return (monitor, pipeline.health())
  }

  static func snapshot(seconds: Double = 600, at: EpochSeconds? = nil) throws -> Snapshot {
    let (monitor, health) = try read(seconds: seconds, at: at)
    return monitor.snapshot(now: at ?? start + seconds, window: .fiveMinutes, sources: health)
  }
}
