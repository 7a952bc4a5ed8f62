import SitrepCore

/// One line per job, problems first: failures with the exception, overdue, running long, ok.
public enum JobsPanel {
  /// Columns the summary keeps before a long job name is cut.
  static let summaryMinimum = 24

  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    let focused = state.screen == .main && state.focus == .jobs
    canvas.mark(area, .panel(.jobs))
    let inner = PanelFrame(title: "Jobs", focused: focused).render(
      into: &canvas, area: area, glyphs: ctx.glyphs)
    guard !inner.isEmpty else { return }
    let jobs = state.snapshot.jobs
    if jobs.isEmpty {
      canvas.put("no job logs yet", x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
      return
    }
    let selected = state.panelSelection[Panel.jobs.rawValue]
    let first = Table.scrollOffset(selected: selected, visible: inner.height, count: jobs.count)
    let longest = jobs.map { CellWidth.of($0.name) }.max() ?? 12
    // A name is what the engineer reads first: whole when the summary keeps 24 columns.
    let nameWidth = Swift.min(longest, Swift.max(12, inner.width - 4 - summaryMinimum))
    for (row, job) in jobs.dropFirst(first).prefix(inner.height).enumerated() {
      let y = inner.y + row
      let clip = inner.row(row)
      canvas.mark(clip, .panel(.jobs), row: first + row)
      let (mark, role) = ctx.marker(job.status)
      var col = canvas.put(" \(mark) ", x: inner.x, y: y, role: role, clip: clip)
      col = canvas.put(
        TextFit.padRight(job.name, nameWidth, ellipsis: ctx.glyphs.ellipsis) + " ", x: col, y: y,
        clip: clip)
      canvas.put(
        TextFit.clip(
          summary(job, now: state.snapshot.now), inner.maxX - col, ellipsis: ctx.glyphs.ellipsis),
        x: col, y: y, role: role == .ok ? .normal : role, clip: clip)
      if focused && first + row == selected { canvas.restyle(clip, role: .selection) }
    }
  }

  /// `3/3 failed  ValueError`, `running 4m12s (usual 40s)`, `overdue 12m (every 1h)`, `ok 4m ago`.
  public static func summary(_ j: JobSummary, now: EpochSeconds) -> String {
    switch j.status {
    case .failing:
      // The exception comes before the streak: it is what the engineer acts on.
      var s = j.failureCounts
      if let ex = j.lastFailure?.exception {
        s += "  " + ex.summary
      } else if let d = j.lastFailure?.detail {
        s += "  " + d
      }
      if j.consecutiveFailures > 1 { s += ", \(j.consecutiveFailures) in a row" }
      return s
    case .overdue:
      var s = "overdue \(Formatting.duration(j.overdueBySeconds ?? 0))"
      if let every = j.expectedEverySeconds { s += " (every \(Formatting.duration(every)))" }
      return s
    case .runningLong, .running:
      var s = "running \(Formatting.duration(now - (j.runningSince ?? now)))"
      if let usual = j.usualDurationSeconds { s += " (usual \(Formatting.duration(usual)))" }
      return s
    case .retrying:
      return "retrying" + (j.lastRun?.detail.map { "  " + $0 } ?? "")
    case .ok:
      var s = "ok"
      if let t = j.lastRun?.time { s += " " + Formatting.ago(t, now: now) }
      if j.runsInWindow > 0 { s += "  \(j.runsInWindow) run\(j.runsInWindow == 1 ? "" : "s")" }
      if j.failuresInWindow > 0 { s += ", \(j.failuresInWindow) failed" }
      return s
    }
  }
}
