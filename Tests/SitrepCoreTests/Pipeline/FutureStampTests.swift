import Foundation
import Testing

@testable import SitrepCore

/// Lines stamped in the future (a clock set wrong, year 9999) are counted on their source and
/// kept out of the model. One such line used to take over the request ring, drop every real line
/// and answer "last request just now": an outage with 50% 502s read `OK … idle`.
@Suite struct FutureStampTests {
  static let now: EpochSeconds = 1_795_528_800

  static func clf(_ t: EpochSeconds) -> String {
    let d = CivilClock(t)
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return
      "\(two(d.day))/\(months[d.month - 1])/\(d.year):\(two(d.hour)):\(two(d.minute)):\(two(d.second)) +0000"
  }

  /// 200 requests over the last four minutes, every other one a 502, then one line from
  /// tomorrow and one from the year 9999.
  static func outageLog() -> String {
    var lines: [String] = []
    for i in 0..<200 {
      let t = now - 240 + Double(i) * 1.2
      let status = i % 2 == 0 ? 502 : 200
      lines.append(
        "10.0.0.\(i % 7) - - [\(clf(t))] \"GET /api/orders HTTP/1.1\" \(status) 12 \"-\" \"curl\" 0.010"
      )
    }
    lines.append(
      "10.0.0.9 - - [\(clf(now + 86_400))] \"GET /api/orders HTTP/1.1\" 200 12 \"-\" \"curl\" 0.010"
    )
    lines.append(
      "10.0.0.9 - - [31/Dec/9999:23:59:59 +0000] \"GET /api/orders HTTP/1.1\" 200 12 \"-\" \"curl\" 0.010"
    )
    return lines.joined(separator: "\n") + "\n"
  }

  /// Three failed runs, then two successes stamped tomorrow.
  static func jobLog() -> String {
    var lines: [String] = []
    for (i, t) in [now - 180, now - 120, now - 60].enumerated() {
      lines.append(
        #"{"ts": \#(t), "job": "nightly", "run_id": "r\#(i)", "status": "failed", "error": "boom"}"#
      )
    }
    for (i, t) in [now + 86_400, now + 86_460].enumerated() {
      lines.append(#"{"ts": \#(t), "job": "nightly", "run_id": "f\#(i)", "status": "success"}"#)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func files() throws -> (dir: String, access: String, jobs: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-future-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    try outageLog().write(toFile: dir + "/api.access.log", atomically: true, encoding: .utf8)
    try jobLog().write(toFile: dir + "/jobs.jsonl", atomically: true, encoding: .utf8)
    return (dir, dir + "/api.access.log", dir + "/jobs.jsonl")
  }

  static func pipeline(_ paths: [String], ignoreAfter: EpochSeconds? = nil) -> IngestPipeline {
    var options = FollowOptions()
    options.fromStart = true
    let monitor = Monitor()
    monitor.ignoreAfter = ignoreAfter
    return IngestPipeline(
      specs: [
        SourceSpec(pattern: paths[0], role: .access, service: "api"),
        SourceSpec(pattern: paths[1], role: .jobs),
      ], options: options, monitor: monitor, archive: nil, decoderOptions: DecoderOptions())
  }

  static func expectFutureKeptOut(_ pipeline: IngestPipeline) throws {
    let snap = pipeline.monitor.snapshot(
      now: now, window: .fiveMinutes, sources: pipeline.health())
    let api = try #require(snap.services.first { $0.name == "api" })
    #expect(api.stats.requests == 200)
    #expect(api.verdict.verdict == .down, "\(api.verdict.reason)")
    #expect(try #require(api.lastRequestAt) < now)
    let job = try #require(snap.jobs.first { $0.name == "nightly" })
    #expect(job.consecutiveFailures == 3)
    #expect(job.status == .failing)
    let access = try #require(snap.sources.first { $0.path.hasSuffix("api.access.log") })
    #expect(access.lines == 202)
    #expect(access.malformed == 0)
    #expect(access.future == 2)
    #expect(access.trouble?.contains("2 lines stamped more than 5m00s ahead of now") == true)
    let jobs = try #require(snap.sources.first { $0.path.hasSuffix("jobs.jsonl") })
    #expect(jobs.future == 2)
    let json = ReportJSON.document(snap).rendered()
    #expect(json.contains(#""future": 2"#))
  }

  /// Headless: the access log is decoded in bulk, on several lanes.
  @Test func aHeadlessReadKeepsFutureLinesOut() throws {
    let (dir, access, jobs) = try Self.files()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let pipeline = Self.pipeline([access, jobs])
    pipeline.readOnce(now: Self.now)
    try Self.expectFutureKeptOut(pipeline)
  }

  /// Live: each line is recorded as it is read.
  @Test func aLiveReadKeepsFutureLinesOut() throws {
    let (dir, access, jobs) = try Self.files()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let pipeline = Self.pipeline([access, jobs])
    while pipeline.pump(now: Self.now, budgetBytes: 4 << 10) {}
    _ = pipeline.pump(now: Self.now + 10)
    try Self.expectFutureKeptOut(pipeline)
  }

  /// With `--at`, the horizon runs from that moment: lines up to it count, lines just after it are
  /// ignored as before, lines far after it are future.
  @Test func theHorizonRunsFromAt() throws {
    let (dir, access, jobs) = try Self.files()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let at = Self.now - 120
    let pipeline = Self.pipeline([access, jobs], ignoreAfter: at)
    pipeline.readOnce(now: Self.now + 86_400 * 2)
    let snap = pipeline.monitor.snapshot(now: at, window: .fiveMinutes, sources: pipeline.health())
    #expect(snap.services.first { $0.name == "api" }?.stats.requests == 101)
    #expect(snap.sources.first { $0.path.hasSuffix("api.access.log") }?.future == 2)
  }

  /// A line within the horizon is normal clock skew and counts.
  @Test func aLineSlightlyAheadCounts() throws {
    let monitor = Monitor()
    monitor.futureLimit = FutureHorizon.limit(now: Self.now)
    let request = Request(
      time: Self.now + FutureHorizon.seconds - 1, method: "GET", path: "/", route: "/",
      status: 200)
    #expect(monitor.ingest((request), service: "api"))
    var late = request
    late.time = Self.now + FutureHorizon.seconds + 1
    #expect(!monitor.ingest((late), service: "api"))
    #expect(
      !monitor.ingest(
        (Request(
          time: .nan, method: "GET", path: "/", route: "/", status: 200)), service: "api"))
    #expect(monitor.eventsIngested == 1)
  }
}
