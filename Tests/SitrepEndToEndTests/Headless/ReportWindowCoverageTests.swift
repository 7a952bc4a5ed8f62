import Foundation
import Testing

/// `report` and `check` answer for their window: by default they read each file back by the
/// lines' own times to the window's start, not a fixed tail; an answer whose data does not reach
/// back that far says so.
@Suite struct ReportWindowCoverageTests {
  /// 75 minutes of a busy access log (50 requests a second, about 22 MB), where every other
  /// request between 55 and 35 minutes ago failed: far older than the last 8 MiB.
  static func busyLog() throws -> (path: String, inWindow: Int) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-e2e-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("api.access.log").path
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "dd/MMM/yyyy:HH:mm:ss"
    let end = Int(Date().timeIntervalSince1970) - 5
    var text = ""
    text.reserveCapacity(24 << 20)
    var inWindow = 0
    for second in (end - 75 * 60)...end {
      let stamp = f.string(from: Date(timeIntervalSince1970: Double(second))) + " +0000"
      let ago = end - second
      for i in 0..<50 {
        let failing = ago >= 35 * 60 && ago < 55 * 60 && i % 2 == 0
        text += "10.0.0.\(i) - - [\(stamp)] \"GET /api/orders HTTP/1.1\" \(failing ? 502 : 200) "
        text += "512 \"-\" \"python-httpx/0.27.0\" 0.012\n"
      }
      if ago < 60 * 60 - 60 { inWindow += 50 }
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return (path, inWindow)
  }

  @Test func aDefaultReportReadsItsWholeWindowAndSaysWhenItCannot() throws {
    let (path, inWindow) = try Self.busyLog()
    defer {
      try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
    let report = try CommandRunner.sitrep(["report", "--json", "--window", "1h", path])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
    let service = try #require((json["services"] as? [[String: Any]])?.first)
    // Every request of the last hour (give or take the minute the report runs in), not 8 MiB.
    let requests = try #require(service["requests"] as? Int)
    #expect(requests >= inWindow, "requests \(requests), expected about \(inWindow)")
    let rate = try #require(service["error_rate"] as? Double)
    #expect(rate > 0.1, "error rate \(rate)")
    #expect(service["verdict"] as? String != "UP")
    let coverage = try #require(json["coverage"] as? [String: Any])
    #expect(coverage["window_covered"] as? Bool == true)

    // A tail by bytes the user asked for covers only the last minutes, and says so.
    let cut = try CommandRunner.sitrep([
      "report", "--json", "--window", "1h", "--backfill", "1MiB", path,
    ])
    let cutJSON = try #require(
      try JSONSerialization.jsonObject(with: Data(cut.stdout.utf8)) as? [String: Any])
    let cutCoverage = try #require(cutJSON["coverage"] as? [String: Any])
    #expect(cutCoverage["window_covered"] as? Bool == false)
    #expect(cutCoverage["covers_from"] is String)
    let source = try #require((cutJSON["sources"] as? [[String: Any]])?.first)
    #expect(source["window_covered"] as? Bool == false)
    let text = try CommandRunner.sitrep(
      ["report", "--width", "120", "--window", "1h", "--backfill", "1MiB", path])
    #expect(text.stdout.contains("data covers only the last"), "\(text.stdout)")
    #expect(text.stdout.contains("of the 1h window"), "\(text.stdout)")
  }

  @Test func aDefaultCheckSeesFailuresOlderThanTheLastEightMebibytes() throws {
    let (path, _) = try Self.busyLog()
    defer {
      try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
    }
    let check = try CommandRunner.sitrep(["check", "--window", "1h", path])
    #expect(check.status == 2, "\(check.stdout)")
  }
}
