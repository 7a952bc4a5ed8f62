import Foundation
import SitrepCore
import SitrepUI

/// A deterministic snapshot built from real demo files: the demo generator writes ten minutes of
/// logs (plus its history) for a fixed start and seed, the real pipeline reads them, the real model
/// computes the snapshot. Built once per test process; paths are rewritten to a fixed directory so
/// goldens do not depend on the temp folder.
enum DemoFixture {
  static let start: EpochSeconds = 1_795_000_000
  static let now: EpochSeconds = start + 600
  /// What the temp directory is replaced with in every path the screens may show.
  static let shownDirectory = "/var/log/demo"

  struct Data: Sendable {
    var snapshot: Snapshot
    var lines: [ArchivedLine]
  }

  static let data: Data = build()

  static var snapshot: Snapshot { data.snapshot }
  /// Every archived line, oldest first, as the log view of "all" would get them.
  static var lines: [ArchivedLine] { data.lines }

  private static func build() -> Data {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitrep-ui-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    do {
      let gen = try DemoGenerator(directory: dir, start: start, seed: 42)
      gen.write(until: now)
      let monitor = Monitor()
      var options = FollowOptions()
      options.fromStart = true
      let archive = LineArchive()
      let pipeline = IngestPipeline(
        specs: gen.allPaths.map { SourceSpec(pattern: $0) }, options: options, monitor: monitor,
        archive: archive, decoderOptions: DecoderOptions())
      pipeline.readOnce(now: now)
      var snap = monitor.snapshot(now: now, window: .fiveMinutes, sources: pipeline.health())
      for i in snap.sources.indices {
        snap.sources[i].path = rewrite(snap.sources[i].path, dir: dir)
      }
      let lines = archive.lines(service: nil, roles: [], mustContain: nil).map { line in
        var l = line
        l.path = rewrite(l.path, dir: dir)
        return l
      }
      return Data(snapshot: snap, lines: lines)
    } catch {
      fatalError("demo fixture could not be written to \(dir): \(error)")
    }
  }

  /// The archived lines a query would get from the model thread (service, roles, time).
  static func lines(for q: LogQuery) -> [ArchivedLine] {
    let roles = Set(q.roles.compactMap(SourceRole.init(rawValue:)))
    return lines.filter { line in
      (q.service == nil || line.service == nil || line.service == q.service)
        && (roles.isEmpty || line.role.map(roles.contains) ?? true)
        && (q.within?.contains(line.when) ?? true)
    }
  }

  private static func rewrite(_ path: String, dir: String) -> String {
    path.hasPrefix(dir) ? shownDirectory + path.dropFirst(dir.count) : path
  }

  /// The app state the dashboard would have on this snapshot at a terminal of this size.
  static func state(width: Int = 80, height: Int = 24, snapshot: Snapshot? = nil) -> AppState {
    AppState(
      snapshot: snapshot ?? self.snapshot, window: .fiveMinutes, themeName: "dark", width: width,
      height: height)
  }
}
