import Foundation
import Testing

@testable import SitrepCore

/// Reads by time are bounded by bytes, and whenever a byte bound (not a time) chose where reading
/// started, the source says what its data covers.
@Suite struct BackfillCoverageTests {
  /// `t=<seconds>` lines, one a second, ending at `end`.
  static func timedLog(_ path: String, seconds: Int, end: Int) {
    FileOps.write(
      path, (0..<seconds).map { "t=\(end - seconds + 1 + $0) request\n" }.joined())
  }

  static func probe(_ line: LineBytes) -> EpochSeconds? {
    let text = String(decoding: line, as: UTF8.self)
    guard text.hasPrefix("t=") else { return nil }
    return Double(text.dropFirst(2).prefix { $0.isNumber })
  }

  @Test func aReadByTimeStopsAtTheByteCapAndSaysWhereItsDataStarts() {
    let directory = TemporaryDirectory()
    let path = directory.file("busy.log")
    Self.timedLog(path, seconds: 1000, end: 999_999)  // lines are 17 bytes
    var options = FollowOptions(backfillBytes: 0, backfillSeconds: 600)
    options.backfillTimeMaxBytes = 17 * 100
    let harness = FollowHarness(
      [SourceSpec(pattern: path)], options: options, timeProbe: Self.probe)
    harness.set.readOnce(now: 999_999) { harness.record($0) }
    #expect(harness.first.count == 100)
    #expect(harness.firstStatus.leftOlderUnread)
    #expect(harness.firstStatus.coversFrom == EpochSeconds(999_900))
  }

  @Test func aReadByTimeWithinTheCapLeavesNothingInTheWindowUnread() {
    let directory = TemporaryDirectory()
    let path = directory.file("quiet.log")
    Self.timedLog(path, seconds: 1000, end: 999_999)
    let harness = FollowHarness(
      [SourceSpec(pattern: path)], options: FollowOptions(backfillBytes: 0, backfillSeconds: 600),
      timeProbe: Self.probe)
    harness.set.readOnce(now: 999_999) { harness.record($0) }
    #expect(harness.first.count == 601)
    #expect(!harness.firstStatus.leftOlderUnread)
  }

  @Test func aReadByBytesSaysWhereItsDataStarts() {
    let directory = TemporaryDirectory()
    let path = directory.file("bytes.log")
    Self.timedLog(path, seconds: 1000, end: 999_999)
    let harness = FollowHarness(
      [SourceSpec(pattern: path)], options: FollowOptions(backfillBytes: 17 * 10),
      timeProbe: Self.probe)
    harness.set.readOnce(now: 999_999) { harness.record($0) }
    #expect(harness.first.count == 10)
    #expect(harness.firstStatus.leftOlderUnread)
    #expect(harness.firstStatus.coversFrom == EpochSeconds(999_990))
  }

  @Test func theProbeReadsTheStampsOfPythonServiceLogs() {
    func time(_ text: String) -> EpochSeconds? {
      var copy = text
      return copy.withUTF8 { LineTimeProbe.time(in: $0, naiveZone: .utc) }
    }
    let t = 1_794_995_200.0  // 2026-11-18T09:46:40Z
    #expect(
      time("10.0.0.1 - - [18/Nov/2026:09:46:40 +0000] \"GET / HTTP/1.1\" 200 1 \"-\" \"x\"") == t)
    #expect(time("2026-11-18 09:46:40,000 INFO app: started") == t)
    #expect(time("[2026-11-18 09:46:40 +0000] [42] [INFO] Booting worker") == t)
    #expect(time("{\"ts\": \"2026-11-18T09:46:40Z\", \"msg\": \"hi\"}") == t)
    #expect(time("  File \"app.py\", line 12, in handler") == nil)
    #expect(time("order 12345-678 shipped") == nil)
  }

  @Test func coverageIsFalseWhenASourceStartsInsideTheWindow() throws {
    var snapshot = Snapshot.empty(now: 10_000, window: .oneHour)
    snapshot.sources = [
      SourceHealth(path: "whole.log", state: .done, lines: 5),
      SourceHealth(
        path: "cut.log", state: .done, lines: 5, leftOlderUnread: true, coversFrom: 10_000 - 720),
    ]
    #expect(snapshot.coverage == WindowCoverage(windowCovered: false, coversFrom: 10_000 - 720))
    #expect(snapshot.coverageNote?.hasPrefix("data covers only the last 12m00s of the 1h") == true)
    let text = ReportJSON.document(snapshot).rendered()
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let coverage = try #require(json["coverage"] as? [String: Any])
    #expect(coverage["window_covered"] as? Bool == false)
    #expect(coverage["covers_from"] as? String == "1970-01-01T02:34:40.000Z")
    let cut = try #require((json["sources"] as? [[String: Any]])?.last)
    #expect(cut["window_covered"] as? Bool == false)

    snapshot.sources[1].coversFrom = 10_000 - 3600
    #expect(snapshot.coverage.windowCovered == true)
    #expect(snapshot.coverageNote == nil)
    snapshot.sources[1].coversFrom = nil
    #expect(snapshot.coverage.windowCovered == nil)
  }
}
