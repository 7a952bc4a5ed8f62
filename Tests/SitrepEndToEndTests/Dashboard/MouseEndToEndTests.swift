import Foundation
import Testing

/// The mouse in the real binary under tmux: the dashboard turns the terminal's mouse reporting
/// on (tmux's pane flags say so), a double click on a job opens it, the wheel scrolls the log
/// view, and reporting is off again after it quits and while Ctrl-Z has it suspended, on again
/// after `fg`. `--no-mouse` leaves the mouse to the terminal.
///
/// tmux's own mouse is off in these panes, so what `send-keys -H` writes reaches sitrep as the
/// bytes an xterm sends for a click: SGR (1006) reports, `ESC [ < button ; x ; y M`.
@Suite struct MouseEndToEndTests {
  /// The SGR report of `button` (0 left, 64 wheel up, 65 wheel down) at 0-based cell (x, y),
  /// pressed and then, for a click, released.
  static func report(button: Int, x: Int, y: Int, release: Bool) -> [String] {
    var text = "\u{1b}[<\(button);\(x + 1);\(y + 1)M"
    if release { text += "\u{1b}[<\(button);\(x + 1);\(y + 1)m" }
    return text.utf8.map { String(format: "%02x", $0) }
  }

  static func send(_ tmux: TmuxSession, button: Int, x: Int, y: Int, release: Bool = true) throws {
    try tmux.tmux(
      ["send-keys", "-t", "0", "-H"] + report(button: button, x: x, y: y, release: release))
  }

  /// Two clicks in one write, so a loaded machine cannot stretch them past a double click's
  /// 400 ms.
  static func doubleClick(_ tmux: TmuxSession, x: Int, y: Int) throws {
    let click = report(button: 0, x: x, y: y, release: true)
    try tmux.tmux(["send-keys", "-t", "0", "-H"] + click + click)
  }

  /// The cell where `text` is drawn on the screen (the first row holding it).
  static func cell(of text: String, in screen: String) throws -> (x: Int, y: Int) {
    let rows = screen.components(separatedBy: "\n")
    guard let y = rows.firstIndex(where: { $0.contains(text) }),
      let range = rows[y].range(of: text)
    else { throw E2EFailure("\(text) is not on the screen:\n\(screen)") }
    return (rows[y].unicodeScalars.distance(from: rows[y].startIndex, to: range.lowerBound), y)
  }

  @Test func clicksOpenTheWheelScrollsAndReportingIsOffAfterExit() throws {
    let dash = try DashboardUnderTmux(
      width: 100, height: 30, environment: ["TERM": "xterm-256color"])
    defer { dash.close() }
    let tmux = dash.tmux
    _ = try dash.waitForPanels()
    try tmux.waitFor(format: "#{mouse_standard_flag}#{mouse_sgr_flag}", toBe: "11")
    // The click goes where the job's row is on the screen: wait for the first read to end, as
    // rows still move while it goes on (a job that turns failing sorts first), and under load
    // the double click landed on another job's row (CI, twice in five full runs).
    let main = try tmux.waitFor("the first read done") { screen in
      let header = screen.split(separator: "\n").first ?? ""
      return !header.contains("· reading") && screen.contains("tasks.sync_sku")
    }

    // A double click on the failing job's row in the Jobs panel opens it, as Enter does.
    let job = try Self.cell(of: "tasks.sync_sku", in: main)
    try Self.doubleClick(tmux, x: job.x, y: job.y)
    // The view's title comes a frame before its runs under load: wait for both.
    let opened = try tmux.waitFor("the job's view with its runs") { screen in
      screen.contains("job tasks.sync_sku") && screen.contains("runs in 5m")
    }
    #expect(opened.contains("runs in 5m"), "\(opened)")

    // The log view follows its end; one wheel notch up over its lines scrolls back and pauses.
    try tmux.send("l")
    // The lines come from the model thread after the view opens: wait for a screenful.
    let log = try tmux.waitFor("the job's lines") { screen in
      guard
        let status = screen.components(separatedBy: "\n").first(where: {
          $0.contains("following end")
        }),
        let count = Int(status.split(separator: " ").first ?? "")
      else { return false }
      return count > 40
    }
    let status = try Self.cell(of: "following end", in: log)
    try Self.send(tmux, button: 64, x: 10, y: status.y + 5, release: false)
    try tmux.waitFor(text: "· paused")

    try tmux.send("Q")
    #expect(try dash.waitForExit() == 0)
    try tmux.waitFor(
      format: "#{mouse_standard_flag}#{mouse_sgr_flag}#{mouse_any_flag}", toBe: "000")
    try dash.expectTerminalRestored()
  }

  /// Ctrl-Z in an interactive shell (job control: ncurses' SIGTSTP handler only acts for the
  /// foreground job), then `fg`, then a click that still works.
  @Test func ctrlZGivesTheMouseBackAndFgTakesItAgain() throws {
    let files = try DemoFiles.make(start: Int(Date().timeIntervalSince1970) - 180, until: 180)
    defer { files.remove() }
    let tmux = try TmuxSession(
      command: "PS1='$ ' /bin/sh -i", width: 100, height: 30,
      environment: ["TERM": "xterm-256color", "TZ": "UTC", "LANG": "C.UTF-8"])
    defer { tmux.kill() }
    let args = (["--backfill", "1MiB"] + files.paths).map(TmuxSession.shellQuote)
    try tmux.type(
      "\(TmuxSession.shellQuote(SitrepBinary.path)) \(args.joined(separator: " ")) 2>/dev/null")
    try tmux.send("Enter")
    let flags = "#{mouse_standard_flag}#{mouse_sgr_flag} #{alternate_on}"
    let main = try tmux.waitFor(text: "tasks.sync_sku")
    try tmux.waitFor(format: flags, toBe: "11 1")

    try tmux.send("C-z")
    try tmux.waitFor(text: "Stopped")
    try tmux.waitFor(format: flags, toBe: "00 0")
    try tmux.type("fg")
    try tmux.send("Enter")
    try tmux.waitFor(format: flags, toBe: "11 1")

    let job = try Self.cell(of: "tasks.sync_sku", in: main)
    try Self.doubleClick(tmux, x: job.x, y: job.y)
    try tmux.waitFor(text: "job tasks.sync_sku")
    try tmux.send("Q")
    try tmux.waitFor(format: flags, toBe: "00 0")
  }

  @Test func sigtermTurnsReportingOff() throws {
    let dash = try DashboardUnderTmux(
      width: 100, height: 30, environment: ["TERM": "xterm-256color"])
    defer { dash.close() }
    try dash.waitForPanels()
    try dash.tmux.waitFor(format: "#{mouse_standard_flag}#{mouse_sgr_flag}", toBe: "11")
    kill(try dash.sitrepPID(), SIGTERM)
    _ = try dash.waitForExit()
    try dash.tmux.waitFor(
      format: "#{mouse_standard_flag}#{mouse_sgr_flag}#{mouse_any_flag}", toBe: "000")
    try dash.expectTerminalRestored()
  }

  /// `--no-mouse`, and `mouse = false` in the config.
  @Test(arguments: ["flag", "config"])
  func noMouseLeavesTheMouseToTheTerminal(_ how: String) throws {
    let config = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitrep-mouse-\(UUID().uuidString).toml").path
    try "mouse = false\n".write(toFile: config, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: config) }
    let dash = try DashboardUnderTmux(
      width: 100, height: 30, environment: ["TERM": "xterm-256color"],
      arguments: how == "flag" ? ["--no-mouse"] : ["-c", config])
    defer { dash.close() }
    let main = try dash.waitForPanels()
    #expect(try dash.tmux.display("#{mouse_standard_flag}#{mouse_any_flag}") == "00")
    // A click's bytes are not a mouse event then: the help opened after them is the main
    // screen's (keys are read in order), not the job's.
    let job = try Self.cell(of: "tasks.sync_sku", in: main)
    try Self.doubleClick(dash.tmux, x: job.x, y: job.y)
    try dash.tmux.send("?")
    try dash.tmux.waitFor(text: "Keys: main")
    // The first key closes the help, the second quits.
    try dash.tmux.send("Escape", "Q")
    #expect(try dash.waitForExit() == 0)
  }
}
