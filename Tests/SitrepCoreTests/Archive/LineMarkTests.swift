import Foundation
import Testing

@testable import SitrepCore

/// What each line is for the log view (`e`/`E` stops, red lines, whole records) is decided by the
/// decoder that read it, not guessed again from the text.
@Suite struct LineMarkTests {
  /// Each line's mark as a fresh decoder of `format` gives it, in order.
  static func marks(_ format: String, _ lines: [String]) throws -> [LineMark] {
    let descriptor = try #require(FormatCatalog.descriptor(id: format))
    let decoder = descriptor.makeDecoder(DecoderOptions(), RequestSink.collecting())
    var events: [Event] = []
    return lines.map { line in
      Array(line.utf8).withUnsafeBufferPointer {
        decoder.feed($0, readAt: fixtureReadAt, into: &events)
      }
      return decoder.lastLineMark
    }
  }

  @Test func anErrorRecordAndItsTracebackAreErrorLinesThatStartOnce() throws {
    let marks = try Self.marks("python-logging", ArchiveRecordTests.lines)
    #expect(marks.map(\.isError) == [false, true, true, true, true, true, false, true])
    #expect(marks.map(\.continuesRecord) == [false, false, true, true, true, true, false, false])
  }

  @Test func aFailedJobIsAnErrorLine() throws {
    let lines = try fixtureText("celery-worker.log")
    let marks = try Self.marks("celery", lines)
    let failed = zip(lines, marks).filter { $0.0.contains("raised unexpected") }
    #expect(!failed.isEmpty)
    #expect(failed.allSatisfy { $0.1.isError && !$0.1.continuesRecord })
    let succeeded = zip(lines, marks).filter { $0.0.contains("succeeded in") }
    #expect(!succeeded.isEmpty)
    #expect(succeeded.allSatisfy { !$0.1.isError })
  }

  @Test func a5xxRequestIsAnErrorLineAndA2xxIsNot() throws {
    let lines = [
      "10.0.0.1 - - [24/Nov/2026:14:02:31 +0000] \"GET /x HTTP/1.1\" 502 0 \"-\" \"-\" 0.1",
      "10.0.0.1 - - [24/Nov/2026:14:02:31 +0000] \"GET /x HTTP/1.1\" 200 0 \"-\" \"-\" 0.5",
      "not an access line",
    ]
    #expect(try Self.marks("nginx-combined", lines).map(\.isError) == [true, false, false])
  }

  /// A word that only looks like a level in the message is not an error: the decoder read the
  /// level field, where the old text search saw "ERROR" anywhere.
  @Test func aMessageMentioningErrorIsNotAnErrorLine() throws {
    let marks = try Self.marks(
      "python-logging", ["2026-11-24 14:02:31,118 INFO app: retried after ERROR from upstream"])
    #expect(marks == [.plain])
  }
}

/// The log view filtered to a run id or an exception type shows whole records.
@Suite struct ArchiveRecordTests {
  static let lines = [
    "2026-11-24 14:02:30,001 INFO app.orders: listing orders",
    "2026-11-24 14:02:31,118 ERROR app.orders: sync failed for order 1842",
    "Traceback (most recent call last):",
    "  File \"/srv/app/tasks.py\", line 88, in sync_sku",
    "    sku = payload[\"sku\"]",
    "KeyError: 'sku'",
    "2026-11-24 14:02:32,500 INFO app.orders: listing orders",
    "2026-11-24 14:02:33,000 ERROR app.orders: timeout talking to db",
  ]

  func archive() throws -> LineArchive {
    let archive = LineArchive()
    let marks = try LineMarkTests.marks("python-logging", Self.lines)
    for (i, (text, mark)) in zip(Self.lines, marks).enumerated() {
      archive.append(
        ArchivedLine(
          time: Double(i), path: "/srv/app.log", role: .app, service: "api", text: text,
          isError: mark.isError, continuesRecord: mark.continuesRecord))
    }
    return archive
  }

  @Test func anExceptionTypeOnTheLastLineBringsTheWholeRecord() throws {
    let shown = try archive().lines(service: nil, roles: [], mustContain: "KeyError").map(\.text)
    #expect(shown == Array(Self.lines[1...5]))
  }

  @Test func aMatchOnTheFirstLineBringsItsTraceback() throws {
    let shown = try archive().lines(service: nil, roles: [], mustContain: "order 1842").map(\.text)
    #expect(shown == Array(Self.lines[1...5]))
  }

  @Test func recordsWithoutTheTextStayOut() throws {
    let shown = try archive().lines(service: nil, roles: [], mustContain: "timeout").map(\.text)
    #expect(shown == [Self.lines[7]])
  }
}

/// The pipeline archives each line with its decoder's mark, the lines held for detection included.
@Suite struct ArchivedMarkTests {
  @Test func sampleLinesAreArchivedWithTheirMarksOnceTheFormatIsKnown() throws {
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitrep-marks-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("app.log").path
    // 4 records of 8 lines: more than the 50-line sample, so some are decided before and some after.
    let lines = (0..<8).flatMap { _ in ArchiveRecordTests.lines }
    try (lines.joined(separator: "\n") + "\n").write(
      toFile: path, atomically: true, encoding: .utf8)
    var options = FollowOptions()
    options.fromStart = true
    let archive = LineArchive()
    let pipeline = IngestPipeline(
      specs: [SourceSpec(pattern: path, service: "api")], options: options, monitor: Monitor(),
      archive: archive, decoderOptions: DecoderOptions())
    while pipeline.pump(now: fixtureReadAt) {}
    let archived = archive.lines(service: nil, roles: [], mustContain: nil)
    #expect(archived.count == lines.count)
    let expected = try LineMarkTests.marks("python-logging", lines)
    #expect(archived.map(\.isError) == expected.map(\.isError))
    #expect(archived.map(\.continuesRecord) == expected.map(\.continuesRecord))
    #expect(archived.filter(\.startsErrorRecord).count == 16)
  }
}
