import Foundation
import Testing

/// Issue 6's walk: from the Jobs panel to the failing task's traceback, its raw lines, a filter,
/// and back out again.
@Suite struct JobDrillDownTests {
  /// Tab past the Timeline to Jobs, select tasks.sync_sku with j/k, open it, open the failed run.
  static func openFailedRun(_ dashboard: DashboardUnderTmux) throws {
    let tmux = dashboard.tmux
    try dashboard.waitForPanels()
    // Tab to Jobs: at 120x40 the time chart (Timeline) comes first.
    try tmux.send("Tab")
    try tmux.waitFor(text: "←→ step")
    try tmux.send("Tab")
    // The failing job sorts first; go down and back up so j and k are both exercised.
    try tmux.send("j")
    try tmux.send("k")
    try tmux.send("Enter")
    try tmux.waitFor(text: "job tasks.sync_sku")
    try tmux.waitFor(text: "failure")
    try tmux.send("Enter")
    // The newest run's summary line can be on screen a moment before the worker has written its
    // traceback (the demo writes them in turn): wait for the traceback itself.
    let run = try tmux.waitFor(text: "Traceback (most recent call last):")
    #expect(run.contains("raised at"))
    #expect(run.contains("KeyError: 'sku'"))
    #expect(run.contains("tasks.py"))
  }

  @Test func failingJobToTracebackToFilteredRawLinesAndBack() throws {
    let dashboard = try DashboardUnderTmux()
    defer { dashboard.close() }
    let tmux = dashboard.tmux
    try Self.openFailedRun(dashboard)

    try tmux.send("Enter")
    // The log view's header comes before its lines (they are read on the model thread): under
    // load the first frame can hold the header alone, so wait for the lines themselves.
    let raw = try tmux.waitFor("the run's raw lines") {
      $0.contains("log tasks.sync_sku") && $0.contains("Task tasks.sync_sku[")
        && $0.contains("received")
    }
    #expect(raw.contains("Task tasks.sync_sku["))
    #expect(raw.contains("received"))

    try tmux.send("&")
    try tmux.type("ERROR")
    try tmux.send("Enter")
    let filtered = try tmux.waitFor(text: "matching &\"ERROR\"")
    let logLines = filtered.split(separator: "\n").filter { $0.hasPrefix("[") }
    #expect(!logLines.isEmpty, "no log lines after filtering:\n\(filtered)")
    #expect(logLines.allSatisfy { $0.contains("ERROR") }, "unfiltered lines:\n\(filtered)")
    #expect(!filtered.contains("received"))

    // Esc takes the filter off before it leaves the view.
    try tmux.send("Escape")
    let unfiltered = try tmux.waitFor(text: "filter cleared")
    #expect(unfiltered.contains("received"))

    // A search keeps every line and steps between matches with n. `g` reads the lines before
    // the kept ones from the file first (issue 15): the search starts at the top once they came.
    try tmux.send("g")
    try tmux.waitFor("the lines before the kept ones") {
      ($0.contains("older lines from the file") && !$0.contains("reading older lines"))
        || $0.contains("the first line of worker.log is shown")
    }
    try tmux.send("/")
    try tmux.type("sku")
    try tmux.send("Enter")
    let first = try tmux.waitFor(text: "/\"sku\" 1 of ")
    #expect(first.contains("received"), "a search hides no line:\n\(first)")
    try tmux.send("n")
    try tmux.waitFor(text: "/\"sku\" 2 of ")
    try tmux.send("Escape")
    try tmux.waitFor(text: "search cleared")

    try tmux.send("Escape")
    try tmux.waitFor("the run screen again") { !$0.contains("› log") && $0.contains("raised at") }
    try tmux.send("Escape")
    try tmux.waitFor("the job screen again") { $0.contains("job tasks.sync_sku ·") }
    try tmux.send("Escape")
    try dashboard.waitForPanels()
    try tmux.send("q")
    #expect(try dashboard.waitForExit() == 0)
    try dashboard.expectTerminalRestored()
  }

  /// The run screen's footer and help promise "⏎/l raw lines", but `l` there opens every line
  /// of every source (Update.logQuery(for:) has no case for `.run`).
  @Test
  func lOnRunScreenOpensTheRunsRawLines() throws {
    let dashboard = try DashboardUnderTmux()
    defer { dashboard.close() }
    try Self.openFailedRun(dashboard)
    try dashboard.tmux.send("l")
    let raw = try dashboard.tmux.waitFor(text: "› log")
    #expect(raw.contains("log tasks.sync_sku"))
    #expect(!raw.contains("GET /api/"))
  }

  /// The raw lines of a failed run should hold its traceback; the run-id filter drops every
  /// traceback line because only the first line of a Celery failure carries the id.
  @Test
  func runsRawLinesIncludeItsTraceback() throws {
    let dashboard = try DashboardUnderTmux()
    defer { dashboard.close() }
    try Self.openFailedRun(dashboard)
    try dashboard.tmux.send("Enter")
    try dashboard.tmux.waitFor(text: "log tasks.sync_sku")
    try dashboard.tmux.waitFor(text: "File \"/srv/app/tasks.py\", line 88", timeout: 5)
  }
}
