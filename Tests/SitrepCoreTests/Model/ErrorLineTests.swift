import Testing

@testable import SitrepCore

/// `e`/`E` in the log view jump between lines that look like errors.
@Suite struct ErrorLineTests {
  @Test(arguments: [
    "2026-11-24 14:02:31,118 ERROR app.orders: boom",
    "Traceback (most recent call last):",
    "[2026-11-24 14:00:00: ERROR/ForkPoolWorker-1] Task x raised unexpected: KeyError('sku')",
    "{\"level\": \"error\", \"msg\": \"x\"}",
    "time=1 level=error msg=x",
    "{\"levelname\": \"ERROR\"}",
    "Nov 24 14:00:01 host systemd[1]: Failed to start x",
    "10.0.0.1 - - [24/Nov/2026:14:02:31 +0000] \"GET /x HTTP/1.1\" 502 0 \"-\" \"-\" 0.1",
    "a CRITICAL thing",
  ])
  func errorLinesAreFound(_ line: String) {
    #expect(LineArchive.looksLikeError(line))
  }

  @Test(arguments: [
    "", "ok", "2026-11-24 14:02:31,118 INFO app: fine",
    "10.0.0.1 - - [24/Nov/2026:14:02:31 +0000] \"GET /x HTTP/1.1\" 200 0 \"-\" \"-\" 0.5",
    "\" 5", "\" 5x1 ", "\" 50", "error in lower case",
  ])
  func otherLinesAreNot(_ line: String) {
    #expect(!LineArchive.looksLikeError(line))
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

  func archive() -> LineArchive {
    let archive = LineArchive()
    for (i, text) in Self.lines.enumerated() {
      archive.append(
        ArchivedLine(
          time: Double(i), path: "/srv/app.log", role: .app, service: "api", text: text,
          isError: LineArchive.looksLikeError(text)))
    }
    return archive
  }

  @Test func anExceptionTypeOnTheLastLineBringsTheWholeRecord() {
    let shown = archive().lines(service: nil, roles: [], mustContain: "KeyError").map(\.text)
    #expect(shown == Array(Self.lines[1...5]))
  }

  @Test func aMatchOnTheFirstLineBringsItsTraceback() {
    let shown = archive().lines(service: nil, roles: [], mustContain: "order 1842").map(\.text)
    #expect(shown == Array(Self.lines[1...5]))
  }

  @Test func recordsWithoutTheTextStayOut() {
    let shown = archive().lines(service: nil, roles: [], mustContain: "timeout").map(\.text)
    #expect(shown == [Self.lines[7]])
  }
}
