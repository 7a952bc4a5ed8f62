import Foundation
import Testing

/// Issue 15's walk "a 40-frame traceback read to its end", on the FastAPI error Hypercorn really
/// wrote (recorded by scripts/record-formats): the signature opens on the app's innermost frame
/// and the exception with the framework frames folded; `z` shows all 60 lines and `G`/`g` reach
/// both ends of them.
@Suite struct TracebackScrollTests {
  /// The recording, its stamps moved to a minute ago so its error is in the dashboard's window.
  static func recentCopy() throws -> (dir: URL, path: String) {
    let fixture = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("SitrepCoreTests/Fixtures/formats/hypercorn/error.log")
    var text = try String(contentsOf: fixture, encoding: .utf8)
    let stamp = DateFormatter()
    stamp.locale = Locale(identifier: "en_US_POSIX")
    stamp.timeZone = TimeZone(identifier: "UTC")
    stamp.dateFormat = "yyyy-MM-dd HH:mm:ss"
    let recent = stamp.string(from: Date().addingTimeInterval(-60))
    text = text.replacingOccurrences(
      of: #"\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+0000\]"#, with: "[\(recent) +0000]",
      options: .regularExpression)
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitrep-traceback-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("hypercorn.error.log").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return (dir, path)
  }

  @Test func aFastAPITracebackOpensOnTheAppFrameAndScrollsToBothEnds() throws {
    let (dir, path) = try Self.recentCopy()
    defer { try? FileManager.default.removeItem(at: dir) }
    let command =
      "\(TmuxSession.shellQuote(SitrepBinary.path)) \(TmuxSession.shellQuote(path)); echo EXITED $?"
    let tmux = try TmuxSession(
      command: command, width: 100, height: 24, environment: ["TZ": "UTC", "LANG": "C.UTF-8"])
    defer { tmux.kill() }
    try tmux.waitFor(text: "Errors")
    try tmux.send("e")
    try tmux.waitFor(text: "UpstreamError")
    try tmux.send("Enter")
    let opened = try tmux.waitFor(text: "library frames: hypercorn, fastapi, starlette")
    #expect(opened.contains("events.py\", line 41, in fail_inventory"), "\(opened)")
    #expect(opened.contains("events.UpstreamError: inventory service unavailable"), "\(opened)")

    try tmux.send("z")
    let unfolded = try tmux.waitFor(text: "of 61 (j/k scroll)")
    #expect(!unfolded.contains("library frames:"))
    try tmux.send("g")
    let top = try tmux.waitFor(text: "lines 1-")
    #expect(top.contains("Traceback (most recent call last):"))
    // The chain's summary comes first.
    #expect(top.contains("chain: ConnectionRefusedError → caused → events.UpstreamError"), "\(top)")
    try tmux.send("G")
    let end = try tmux.waitFor(text: "of 61 (j/k scroll)")
    #expect(end.contains("events.UpstreamError"), "\(end)")
    #expect(end.contains("/sku/42 failed"), "\(end)")

    try tmux.send("Q")
    try tmux.waitFor(text: "EXITED 0")
  }
}
