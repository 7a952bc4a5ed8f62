import Testing

@testable import SitrepCore

/// The recorded app logs (`Fixtures/formats/<program>/`): levels, exceptions and their chains as
/// the story tells them, with no colour code left in what is kept.
@Suite struct AppLogStoryTests {
  /// What the recording script logs, in order: info, debug, warning, info (loguru: SUCCESS), an
  /// error with a chained exception, an error, a critical.
  static let scriptLevels: [LogLevel] = [.info, .debug, .warning, .info, .error, .error, .critical]

  @Test func loguruColoursAreRemovedBeforeParsing() throws {
    let story = try FixtureStory("loguru")
    let d = try expectRecordsMatchStory(
      story, file: "app.log", format: "loguru", levels: Self.scriptLevels)
    #expect(d.records.first?.logger == "__main__")
    #expect(d.records.first?.message == "order 1001 created")
    #expect(approx(d.records.first?.time, 1_795_709_786.952, tolerance: 0.0005))
    // The coloured "Traceback" line and the chained section are part of the exception.
    let exception = try #require(d.records[4].exception)
    #expect(exception.topFrame?.function == "failing" && exception.topFrame?.line == 20)
    #expect(exception.traceback.first == "Traceback (most recent call last):")
  }

  @Test func loguruBacktraceMarksTheRaisingFrame() throws {
    // loguru's defaults (backtrace=True, diagnose=True): `> ` marks the frame that raised and
    // `└` lines show variables.
    let lines = [
      "2026-11-26 16:16:26.952 | ERROR    | __main__:main:45 - charge failed",
      "Traceback (most recent call last):",
      "",
      "  File \"/srv/app.py\", line 41, in <module>",
      "    main()",
      "    └ <function main at 0x7f>",
      "",
      "> File \"/srv/app.py\", line 20, in failing",
      "    raise PaymentDeclinedError(\"declined\")",
      "",
      "PaymentDeclinedError: declined",
    ]
    let d = try decode("loguru", text: lines)
    #expect(d.counts.malformed == 0 && d.counts.parsed == lines.count)
    let exception = try #require(d.records.first?.exception)
    #expect(exception.type == "PaymentDeclinedError")
    #expect(exception.topFrame == StackFrame(file: "/srv/app.py", line: 20, function: "failing"))
  }

  @Test func structlogConsoleColoursAreRemovedBeforeParsing() throws {
    let story = try FixtureStory("structlog-console")
    let d = try expectRecordsMatchStory(
      story, file: "app.log", format: "structlog-console", levels: Self.scriptLevels)
    let first = try #require(d.records.first)
    #expect(first.message == "order created")
    #expect(first.fields == ["items": "3", "order_id": "1001", "total": "42.50"])
    #expect(approx(first.time, 1_795_709_787.525863, tolerance: 1e-5))
    #expect(d.records[3].fields["path"] == "/api/orders/7")
  }

  /// The stdlib script logs three chained exceptions and a message of two lines (the second
  /// written as it is, indented, joining the record).
  static let stdlibLevels: [LogLevel] = [
    .info, .debug, .warning, .info, .error, .error, .error, .error, .critical, .info,
  ]

  @Test(arguments: [
    ("named.log", "python-logging"), ("basic.log", "python-logging"),
    ("module.log", "generic-log"),
  ])
  func stdlibLoggingErrorsAndTracebacks(file: String, format: String) throws {
    let story = try FixtureStory("stdlib-logging")
    let d = try expectRecordsMatchStory(
      story, file: file, format: format, levels: Self.stdlibLevels)
    let message = d.records.first { $0.level == .error }?.message
    #expect(message == "could not parse quantity for order 1003")
    #expect(d.records.last?.message == "multi-line message: second line of the same record")
  }
}
