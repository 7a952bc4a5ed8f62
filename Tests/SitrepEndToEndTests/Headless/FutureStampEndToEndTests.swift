import Foundation
import Testing

/// Lines stamped in the future are counted on their source and left out of every answer.
@Suite struct FutureStampEndToEndTests {
  static func clf(_ date: Date) -> String {
    let f = DateFormatter()
    f.locale = Locale(identifier: "en_US_POSIX")
    f.timeZone = TimeZone(identifier: "UTC")
    f.dateFormat = "dd/MMM/yyyy:HH:mm:ss"
    return f.string(from: date) + " +0000"
  }

  /// An outage (every other request a 502) in the last four minutes, after a line from tomorrow
  /// and before one from the year 9999.
  static func outageLog() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-e2e-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    func line(_ stamp: String, _ status: Int) -> String {
      "10.0.0.1 - - [\(stamp)] \"GET /api/orders HTTP/1.1\" \(status) 12 \"-\" \"curl\" 0.010"
    }
    let now = Date()
    var lines = [line(clf(now.addingTimeInterval(86_400)), 200)]
    for i in 0..<200 {
      lines.append(
        line(clf(now.addingTimeInterval(-240 + Double(i) * 1.2)), i % 2 == 0 ? 502 : 200))
    }
    lines.append(line("31/Dec/9999:23:59:59 +0000", 200))
    let path = dir.appendingPathComponent("api.access.log").path
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func futureLinesAreCountedAndLeftOut() throws {
    let path = try Self.outageLog()
    let check = try CommandRunner.sitrep(["check", path])
    #expect(check.status == 2, "\(check.stdout)")
    #expect(check.stdout.hasPrefix("SITREP CRITICAL"), "\(check.stdout)")

    let report = try CommandRunner.sitrep(["report", "--json", path])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
    let source = try #require((json["sources"] as? [[String: Any]])?.first)
    #expect(source["future"] as? Int == 2)
    #expect(source["lines"] as? Int == 202)
    let service = try #require((json["services"] as? [[String: Any]])?.first)
    let last = try #require(service["last_request_at"] as? String)
    #expect(!last.hasPrefix("9999"), "last request: \(last)")
    #expect(last < Self.iso(Date().addingTimeInterval(60)), "last request: \(last)")

    let text = try CommandRunner.sitrep(["report", "--width", "120", path])
    #expect(text.stdout.contains("2 in the future"), "\(text.stdout)")
  }

  static func iso(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return f.string(from: date)
  }
}
