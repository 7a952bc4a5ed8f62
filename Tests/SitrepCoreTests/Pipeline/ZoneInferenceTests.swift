import Foundation
import Testing

@testable import SitrepCore

/// Zoneless stamps (Celery) whose zone nobody gave: a file still being written tells its offset
/// through its modification time; others fall back to the host's zone, and every source says
/// which it got. A container logging in Berlin time on a UTC host used to put every job two hours
/// in the future, where the model leaves it out.
@Suite struct ZoneInferenceTests {
  static let berlinSummer = 7200

  /// Three runs of `tasks.sync`, the last one failing, ending a few seconds before `end`, written
  /// in the wall-clock time of `offset`.
  static func celeryLog(endingAt end: EpochSeconds, offset: Int) -> String {
    var lines: [String] = []
    for (i, t) in [end - 120, end - 60, end - 5].enumerated() {
      let stamp = CivilClock(t, offsetSeconds: offset).asctime
      let id = "0b9e5d2c-3f41-4c1e-9a1a-5c6f2d8e7a1\(i)"
      lines.append("[\(stamp): INFO/MainProcess] Task tasks.sync[\(id)] received")
      let end = CivilClock(t + 1, offsetSeconds: offset).asctime
      lines.append(
        i == 2
          ? "[\(end): ERROR/ForkPoolWorker-1] Task tasks.sync[\(id)] raised unexpected: KeyError('sku')"
          : "[\(end): INFO/ForkPoolWorker-1] Task tasks.sync[\(id)] succeeded in 0.5s: None")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func write(_ text: String, name: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-zone-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/" + name
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func read(_ spec: SourceSpec, now: EpochSeconds) -> (Snapshot, SourceHealth?) {
    var options = FollowOptions()
    options.fromStart = true
    let pipeline = IngestPipeline(
      specs: [spec], options: options, monitor: Monitor(), archive: nil,
      decoderOptions: DecoderOptions(naiveZone: .utc))
    pipeline.readOnce(now: now)
    let snapshot = pipeline.monitor.snapshot(
      now: now, window: .fifteenMinutes, sources: pipeline.health())
    return (snapshot, snapshot.sources.first)
  }

  @Test func aLiveFileTellsItsOffsetByItsModificationTime() throws {
    let now = Date().timeIntervalSince1970
    let path = try Self.write(
      Self.celeryLog(endingAt: now, offset: Self.berlinSummer), name: "worker.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (snapshot, source) = Self.read(SourceSpec(pattern: path, role: .jobs), now: now)
    let zone = try #require(source?.zone)
    #expect(zone.origin == .inferredFromFileTime)
    #expect(zone.zone == .fixed(Self.berlinSummer))
    #expect(source?.future == 0)
    let job = try #require(snapshot.jobs.first { $0.name == "tasks.sync" })
    #expect(job.lastRun?.outcome == .failure)
    #expect(abs((job.lastRun?.time ?? 0) - (now - 4)) < 2)
    let json = ReportJSON.document(snapshot).rendered()
    #expect(json.contains(#""time_zone": "+02:00""#))
    #expect(json.contains(#""time_zone_from": "inferred from file time""#))
  }

  /// A file just copied or cloned has a new modification time and old lines: the gap is no zone
  /// offset (40 minutes here), and nothing is inferred from it.
  @Test func aFileJustCopiedIsNotTakenForALiveOne() throws {
    let now = Date().timeIntervalSince1970
    let path = try Self.write(
      Self.celeryLog(endingAt: now - 2400, offset: 0), name: "worker.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (snapshot, source) = Self.read(SourceSpec(pattern: path, role: .jobs), now: now)
    let zone = try #require(source?.zone)
    #expect(zone.origin == .hostZone)
    #expect(snapshot.jobs.first { $0.name == "tasks.sync" } != nil)
  }

  @Test func aFileNotWrittenLatelyFallsBackToTheHostZoneAndSaysSo() throws {
    let now = Date().timeIntervalSince1970
    let path = try Self.write(
      Self.celeryLog(endingAt: now - 3600, offset: 0), name: "worker.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    var times = [
      timespec(tv_sec: Int(now) - 3000, tv_nsec: 0), timespec(tv_sec: Int(now) - 3000, tv_nsec: 0),
    ]
    #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    let (_, source) = Self.read(SourceSpec(pattern: path, role: .jobs), now: now)
    let zone = try #require(source?.zone)
    #expect(zone.origin == .hostZone)
    #expect(zone.isGuess)
  }

  @Test func stampsWithTheirOwnZoneAreSaidToCarryIt() throws {
    let now = Date().timeIntervalSince1970
    let line =
      "10.0.0.1 - - [\(CivilClock(now - 5).nginx)] \"GET / HTTP/1.1\" 200 12 \"-\" \"curl\" 0.010\n"
    let path = try Self.write(line, name: "api.access.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let (snapshot, source) = Self.read(SourceSpec(pattern: path, role: .access), now: now)
    #expect(source?.zone?.origin == .inTheLines)
    #expect(ReportJSON.document(snapshot).rendered().contains(#""time_zone_from": "in the lines""#))
  }

  @Test func aConfiguredZoneIsNeverSecondGuessed() throws {
    let now = Date().timeIntervalSince1970
    let path = try Self.write(
      Self.celeryLog(endingAt: now, offset: Self.berlinSummer), name: "worker.log")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let spec = SourceSpec(
      pattern: path, role: .jobs, zone: ZoneAssumption(zone: .fixed(3600), origin: .config))
    let (snapshot, source) = Self.read(spec, now: now)
    #expect(source?.zone == ZoneAssumption(zone: .fixed(3600), origin: .config))
    // Read an hour off as told: the runs land an hour ahead of now, and are left out.
    #expect(snapshot.jobs.first { $0.name == "tasks.sync" } == nil)
    #expect(source?.future ?? 0 > 0)
  }
}
