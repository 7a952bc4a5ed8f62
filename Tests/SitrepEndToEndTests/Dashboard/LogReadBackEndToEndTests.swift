import Foundation
import Testing

/// Issue 15: the log view reaches back past the 2000 lines it keeps, reading older lines from the
/// file itself. A Python app log of 10,000 records (tracebacks among them): `g` in the log view
/// brings lines older than the kept ones, and going on reaches the file's first line with its
/// traceback still marked as one.
@Suite struct LogReadBackEndToEndTests {
  /// `count` records stamped one a second up to a minute ago; every fiftieth an error with a
  /// traceback.
  static func appLog(records count: Int) throws -> (dir: URL, path: String) {
    let stamp = DateFormatter()
    stamp.locale = Locale(identifier: "en_US_POSIX")
    stamp.timeZone = TimeZone(identifier: "UTC")
    stamp.dateFormat = "yyyy-MM-dd HH:mm:ss,SSS"
    let start = Date().addingTimeInterval(-Double(count) - 60)
    var text = ""
    for i in 0..<count {
      let when = stamp.string(from: start.addingTimeInterval(Double(i)))
      if i % 50 == 7 {
        text += "\(when) ERROR app.orders: sync failed record \(i)\n"
        text += "Traceback (most recent call last):\n"
        text += "  File \"/srv/app/tasks.py\", line 88, in sync_sku\n"
        text += "KeyError: 'sku'\n"
      } else {
        text += "\(when) INFO app.orders: listing orders record \(i)\n"
      }
    }
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitrep-readback-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let path = dir.appendingPathComponent("app.log").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return (dir, path)
  }

  @Test func gInTheLogViewReadsLinesOlderThanTheKeptOnesFromTheFile() throws {
    let (dir, path) = try Self.appLog(records: 10_000)
    defer { try? FileManager.default.removeItem(at: dir) }
    let command =
      "\(TmuxSession.shellQuote(SitrepBinary.path)) \(TmuxSession.shellQuote(path)); echo EXITED $?"
    let tmux = try TmuxSession(
      command: command, width: 160, height: 30, environment: ["TZ": "UTC", "LANG": "C.UTF-8"])
    defer { tmux.kill() }
    try tmux.waitFor(text: "Errors")
    try tmux.send("l")
    let kept = try tmux.waitFor(text: "only the newest 2000 lines of app.log are kept")
    #expect(kept.contains("record 9999"), "\(kept)")
    #expect(kept.contains("g reads older"), "\(kept)")

    // The 2000 kept lines reach back to about record 8400: `g` brings the 2000 lines before.
    try tmux.send("g")
    let older = try tmux.waitFor(text: "(2000 read back from the file, 2000 kept in memory)")
    let top = try #require(older.split(separator: "\n").dropFirst(2).first)
    let record = try #require(Int(top.split(separator: " ").last ?? ""))
    #expect(record < 7000, "\(older)")
    #expect(older.contains("4000 lines · paused"), "\(older)")

    // Page after page back to the first line of the file; the bound drops the newest.
    func status(_ screen: String) -> String {
      String(screen.split(separator: "\n", omittingEmptySubsequences: false)[1])
    }
    var screen = older
    for _ in 0..<8 where !screen.contains("holding app.log from the first line") {
      let before = status(screen)
      try tmux.send("g")
      screen = try tmux.waitFor("the next page") {
        status($0) != before && !$0.contains("reading older lines")
      }
    }
    let first = try tmux.waitFor(text: "holding app.log from the first line")
    #expect(first.contains("newer lines not held"), "\(first)")
    #expect(first.contains("listing orders record 0\n"), "\(first)")
    // Record 7's traceback, read back from the file, is one record: Enter shows it whole.
    try tmux.send("/")
    try tmux.type("sync failed record 7$")
    try tmux.send("Enter")
    try tmux.waitFor(text: "1 of 1 match")
    try tmux.send("Enter")
    let shown = try tmux.waitFor(text: "KeyError: 'sku'")
    #expect(shown.contains("sync failed record 7"), "\(shown)")

    try tmux.send("Escape")
    try tmux.send("G")
    try tmux.waitFor(text: "only the newest 2000 lines of app.log are kept")
    try tmux.send("Q")
    try tmux.waitFor(text: "EXITED 0")
  }
}
