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
