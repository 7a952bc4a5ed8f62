import Testing

@testable import SitrepCore

/// `generic-log`: a recognisable stamp and a recognisable level make a record, whatever the
/// rest of the line looks like.
@Suite struct GenericLogTests {
  /// 2026-11-26 12:00:00 UTC.
  static let noon: EpochSeconds = 1_795_694_400
  static let readAt = noon + 3600

  @Test(arguments: [
    ("2026-11-26T12:00:00Z ERROR boom", 0.0, LogLevel.error),
    ("2026-11-26T12:00:00.250+00:00 [error] boom", 0.25, .error),
    ("2026-11-26 12:00:00 E boom", 0, .error),
    ("2026-11-26 12:00:00,123 WARNING boom", 0.123, .warning),
    ("2026/11/26 12:00:00 [warn] 123#0: boom", 0, .warning),
    ("[26/Nov/2026 12:00:00] {mod:58} ERROR - boom", 0, .error),
    ("26/Nov/2026:12:00:00 +0000 ERR boom", 0, .error),
    ("Nov 26 12:00:00 web1 app[12]: CRITICAL boom", 0, .critical),
    ("Thu Nov 26 12:00:00 2026 FATAL boom", 0, .critical),
    ("1795694400 INFO boom", 0, .info),
    ("1795694400.5 level=debug msg=boom", 0.5, .debug),
    ("1795694400000 I boom", 0, .info),
    ("12:00:00 DEBUG boom", 0, .debug),
    ("<3>2026-11-26T12:00:00Z boom", 0, .error),
    ("ERROR 2026-11-26T12:00:00Z boom", 0, .error),
    ("2026-11-26T12:00:00Z host app[7]: [2026-11-26 12:00:00] [7] [INFO] boom", 0, .info),
    ("2026-11-26T12:00:00Z severity=\"warning\" boom", 0, .warning),
  ])
  func stampAndLevel(line: String, fraction: Double, level: LogLevel) throws {
    let d = try decode("generic-log", text: [line], readAt: Self.readAt)
    let record = try #require(d.records.first, "\(line)")
    #expect(record.level == level, "\(line)")
    #expect(approx(record.time, Self.noon + fraction, tolerance: 1e-6), "\(line)")
    #expect(record.message.hasSuffix("boom") || record.message.hasSuffix("msg=boom"), "\(line)")
    #expect(d.counts.parsed == 1)
  }

  @Test func messageStartsAfterTheLevel() throws {
    let d = try decode(
      "generic-log", text: ["[26/Nov/2026 12:00:00] {mod:58} ERROR - could not parse"],
      readAt: Self.readAt)
    #expect(d.records.first?.message == "could not parse")
  }

  @Test func tracebackJoinsTheRecord() throws {
    let lines = [
      "2026/11/26 12:00:00 [error] charge failed",
      "Traceback (most recent call last):",
      "  File \"/srv/app.py\", line 3, in charge",
      "KeyError: 'card'",
      "2026/11/26 12:00:01 [info] next",
    ]
    let d = try decode("generic-log", text: lines, readAt: Self.readAt)
    #expect(d.records.count == 2)
    #expect(d.records.first?.exception?.type == "KeyError")
    #expect(d.counts.parsed == 5 && d.counts.malformed == 0)
  }

  @Test func wordsThatOnlyLookLikeLevelsAreNot() throws {
    // Lower case and single letters count only right after the time or in brackets.
    let d = try decode(
      "generic-log",
      text: [
        "2026-11-26T12:00:00Z worker started, no error seen",
        "2026-11-26T12:00:00Z I think so",
        "2026-11-26T12:00:00Z user a did E",
      ], readAt: Self.readAt)
    #expect(d.records.map(\.level) == [.info, .info, .info])
  }

  @Test func lineWithoutStampNeedsAnUnmistakableLevel() throws {
    let d = try decode(
      "generic-log",
      text: ["[error] disk full", "WARNING: slow", "<4>low memory", "error in prose", "hello"],
      readAt: Self.readAt)
    #expect(d.records.map(\.level) == [.error, .warning, .warning])
    #expect(d.records.map(\.message) == ["disk full", "slow", "low memory"])
    #expect(d.records.allSatisfy { $0.time == Self.readAt })
    #expect(d.counts.malformed == 2)
  }

  @Test func plainLogsAreRecognisedAndSpecificFormatsStillWin() {
    let generic = [
      "2026/11/26 12:00:00 [notice] 1#1: start worker processes",
      "2026/11/26 12:00:01 [error] 1#1: *3 upstream timed out",
    ]
    #expect(FormatCatalog.detect(sample: generic)?.format == "generic-log")
    let python = ["2026-11-26 12:00:00,001 ERROR app.orders: boom"]
    #expect(FormatCatalog.detect(sample: python)?.format == "python-logging")
    #expect(FormatCatalog.detect(sample: ["hello world", "12 apples"]) == nil)
  }
}
