import SitrepCore

/// Job drill-down: the board line, then its runs newest first.
public enum JobScreen {
  public static func render(
    _ state: AppState, name: String, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    guard let j = ScreenRows.job(state, name) else {
      canvas.put(" job \(name) is not in view", x: area.x, y: area.y, role: .muted)
      return
    }
    let now = state.snapshot.now
    let off = state.snapshot.offsetSeconds
    let (mark, role) = ctx.marker(j.status)
    var head: [(String, Role)] = [
      (" \(mark) \(j.name)  \(j.status.rawValue)  \(JobsPanel.summary(j, now: now))", role)
    ]
    var facts: [String] = []
    facts.append("runs in \(state.window.label): \(j.runsInWindow), failed \(j.failuresInWindow)")
    facts.append(
      "last success: " + (j.lastSuccessAt.map { Formatting.ago($0, now: now) } ?? "never seen"))
    if let u = j.usualDurationSeconds { facts.append("usual duration \(Formatting.duration(u))") }
    if let e = j.expectedEverySeconds { facts.append("expected every \(Formatting.duration(e))") }
    head.append((" " + facts.joined(separator: " · "), .normal))
    if let ex = j.lastFailure?.exception { head.append((" last exception: \(ex.summary)", .crit)) }
    head.append(("", .normal))
    TextLines.render(head, into: &canvas, area: area, ctx: ctx)
    let runs = ScreenRows.runs(j, filter: state.frame.filter)
    let table = Table(
      columns: [
        Column(" time", 10), Column("result", 9), Column("duration", 9, .right), Column("id", 14),
        Column("exception / detail", Swift.max(10, area.width - 48)),
      ],
      rows: runs.map { r in
        let outcomeRole: Role = r.outcome == .failure ? .crit : r.outcome == .success ? .ok : .warn
        return TableRow([
          (" " + Formatting.clock(r.time, offsetSeconds: off), .normal),
          (r.outcome.rawValue, outcomeRole),
          (
            r.durationSeconds.map { Formatting.latency($0 * 1000) }
              ?? (r.outcome == .running ? Formatting.duration(now - (r.startedAt ?? now)) : "—"),
            .normal
          ),
          (r.runID.map { String($0.prefix(13)) } ?? "—", .muted),
          (
            (r.host.map { "[\(TextSanitizer.display($0))] " } ?? "")
              + (r.exception?.summary ?? r.detail ?? ""), outcomeRole == .ok ? .muted : outcomeRole
          ),
        ])
      }, selected: state.frame.selected, showSelection: true)
    table.render(into: &canvas, area: area.splitTop(head.count).1, glyphs: ctx.glyphs)
  }
}

/// One run: its facts and the exception on top, then the whole traceback, which scrolls.
public enum RunScreen {
  public static func render(
    _ state: AppState, job: String, run: RunRef, into canvas: inout Canvas, area: Rect,
    ctx: ViewContext
  ) {
    guard let j = ScreenRows.job(state, job), let r = run.find(in: ScreenRows.runs(j)) else {
      canvas.put(" run is no longer in view", x: area.x, y: area.y, role: .muted)
      return
    }
    detail(r, state: state, glyphs: ctx.glyphs).render(state, into: &canvas, area: area, ctx: ctx)
  }

  static func detail(_ r: JobRun, state: AppState, glyphs: Glyphs) -> DetailBody {
    let off = state.snapshot.offsetSeconds
    var head: [(String, Role)] = [
      (
        " \(r.name)  \(r.outcome.rawValue)  at \(Formatting.clock(r.time, offsetSeconds: off))"
          + (r.durationSeconds.map { "  took \(Formatting.latency($0 * 1000))" } ?? ""),
        r.outcome == .failure ? .crit : .normal
      ),
      (
        " run id: \(r.runID ?? "—")" + (r.host.map { "  · on \(TextSanitizer.display($0))" } ?? "")
          + (r.detail.map { "  · \($0)" } ?? ""), .muted
      ),
      ("", .normal),
    ]
    guard let ex = r.exception else {
      return DetailBody(
        head: head, body: [(" no exception recorded for this run", .muted)], focus: nil)
    }
    head.append((" \(ex.summary)", .crit))
    if let f = ex.topFrame {
      head.append((" raised at \(f.file):\(f.line) in \(f.function)", .warn))
    }
    for cause in ex.causes { head.append((" caused by: \(cause)", .muted)) }
    head.append(("", .normal))
    let tb = TracebackLines.make(
      ex.traceback, unfolded: state.frame.unfolded, glyphs: glyphs, width: state.width)
    return DetailBody(head: head, body: tb.lines, focus: tb.focus)
  }
}
