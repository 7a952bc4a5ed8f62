import SitrepCore

/// The selected service over the window: requests a second, error % and p95 in three bands of
/// block characters, the deploy marked where it happened, and a readout of one step. The first
/// picture people look at during a deploy. Focused (Tab), ←/→ step through it and Enter opens the
/// step's lines.
public enum TimelinePanel {
  /// Rows it takes on the main screen: three bands of two rows, the time axis, the readout and
  /// the border.
  static let height = 10

  /// The main screen shows it when there is room for it and the panels below.
  public static func fits(width: Int, height: Int) -> Bool { width >= 120 && height >= 36 }

  /// The service the chart shows: the one selected in the Services panel.
  static func service(_ state: AppState) -> ServiceSnapshot? {
    let services = ScreenRows.services(state)
    let i = state.panelSelection[Panel.services.rawValue]
    return services.indices.contains(i) ? services[i] : services.first
  }

  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    let focused = state.screen == .main && state.focus == .timeline
    let service = service(state)
    var title = "Timeline"
    if let service { title += " \(ctx.glyphs.separator) \(service.name)" }
    title += " \(ctx.glyphs.separator) \(state.snapshot.window.label)"
    canvas.mark(area, .panel(.timeline))
    let inner = PanelFrame(title: title, focused: focused).render(
      into: &canvas, area: area, glyphs: ctx.glyphs)
    guard !inner.isEmpty else { return }
    guard let service, !service.timeline.isEmpty else {
      canvas.put(
        "no requests in the window", x: inner.x + 1, y: inner.y, role: .muted, clip: inner)
      return
    }
    let chart = Chart(
      points: service.timeline, thresholds: service.thresholds, area: inner,
      cursor: focused ? cursor(state, count: service.timeline.count) : nil)
    chart.draw(into: &canvas, glyphs: ctx.glyphs)
    chart.markSteps(into: &canvas)
    let deploys = state.snapshot.deploys.filter { $0.service == nil || $0.service == service.name }
    chart.drawAxis(
      into: &canvas, deploys: deploys, offsetSeconds: state.snapshot.offsetSeconds,
      glyphs: ctx.glyphs)
    let shown = chart.cursor ?? Self.newestWhole(service.timeline)
    var readout = Self.readout(
      service.timeline[shown], offsetSeconds: state.snapshot.offsetSeconds, glyphs: ctx.glyphs)
    readout += focused ? "   ←→ step  ⏎ its lines" : "   Tab here to step through"
    canvas.put(
      " " + TextFit.clip(readout, inner.width - 1, ellipsis: ctx.glyphs.ellipsis), x: inner.x,
      y: inner.maxY - 1, role: focused ? .normal : .muted, clip: inner)
  }

  /// The step the readout shows unfocused: the newest, unless it has only just begun (a second
  /// of a 10-second step reads as a quiet service), then the one before it.
  static func newestWhole(_ steps: [TimelinePoint]) -> Int {
    let last = steps.count - 1
    guard last > 0 else { return Swift.max(0, last) }
    let full = steps[0].to - steps[0].from
    return steps[last].to - steps[last].from < full / 2 ? last - 1 : last
  }

  /// The step under the cursor, kept in range as the window slides.
  static func cursor(_ state: AppState, count: Int) -> Int {
    Swift.max(0, Swift.min(state.panelSelection[Panel.timeline.rawValue], count - 1))
  }

  /// `14:03:10–14:03:20  24.1 rps  err 0.4%  p95 226ms` from the step's own stats, formatted as
  /// the service row formats its numbers.
  static func readout(_ point: TimelinePoint, offsetSeconds: Int, glyphs: Glyphs) -> String {
    let span =
      Formatting.clock(point.from, offsetSeconds: offsetSeconds) + "–"
      + Formatting.clock(point.to, offsetSeconds: offsetSeconds)
    guard point.covered else { return "\(span)  not read (before the first line read)" }
    let s = point.stats
    return
      "\(span)  \(Formatting.rate(s.rps)) rps  \(s.requests) req  err \(Formatting.percent(s.errorRate))"
      + "  p95 \(Formatting.latency(s.p95Ms))"
  }
}

/// Where each band goes and which step each column shows.
private struct Chart {
  let points: [TimelinePoint]
  let thresholds: ServiceThresholds
  let area: Rect
  let cursor: Int?
  let labelWidth = 13

  var rowsPerBand: Int { area.height >= 8 ? 2 : 1 }
  var chartX: Int { area.x + labelWidth }
  var chartWidth: Int { Swift.max(0, area.width - labelWidth - 1) }

  /// The step a chart column shows (each step gets at least one column: at most 60 steps, and the
  /// chart is only drawn 100 columns wide or more).
  func point(atColumn c: Int) -> Int {
    Swift.min(points.count - 1, c * points.count / Swift.max(1, chartWidth))
  }

  /// The first column of step `p`.
  func column(ofPoint p: Int) -> Int {
    (p * chartWidth + points.count - 1) / points.count
  }

  enum Band: CaseIterable {
    case rate, errors, p95
  }

  func value(_ band: Band, _ p: TimelinePoint) -> Double? {
    guard p.covered else { return nil }
    switch band {
    case .rate: return p.stats.rps
    case .errors: return p.stats.errorRate.map { $0 * 100 }
    case .p95: return p.stats.p95Ms
    }
  }

  func label(_ band: Band, top: Double) -> String {
    switch band {
    case .rate: "req/s " + Formatting.rate(top)
    case .errors: "err % " + String(cFormat: "%.1f", top)
    case .p95: "p95   " + Formatting.latency(top)
    }
  }

  func role(_ band: Band, _ p: TimelinePoint) -> Role {
    switch band {
    case .rate: .spark
    case .errors: (p.stats.errorRate ?? 0) > thresholds.errorRate ? .crit : .spark
    case .p95: (p.stats.p95Ms ?? 0) > thresholds.p95Ms ? .warn : .spark
    }
  }

  func draw(into canvas: inout Canvas, glyphs: Glyphs) {
    guard chartWidth > 0, !points.isEmpty else { return }
    for (b, band) in Band.allCases.enumerated() {
      let top0 = area.y + b * rowsPerBand
      guard top0 + rowsPerBand <= area.maxY - 2 else { break }
      // NaN or infinite values are drawn empty: scaling by them would trap.
      let values = points.map { value(band, $0).flatMap { $0.isFinite ? Swift.max(0, $0) : nil } }
      let top = values.compactMap { $0 }.max() ?? 0
      canvas.put(
        TextFit.padRight(label(band, top: top), labelWidth - 1), x: area.x + 1,
        y: top0 + rowsPerBand - 1, role: .muted, clip: area)
      let levels = rowsPerBand * 8
      for c in 0..<chartWidth {
        let p = point(atColumn: c)
        let x = chartX + c
        guard let v = values[p] else {
          if !points[p].covered {
            canvas.put(glyphs.isUnicode ? "·" : ".", x: x, y: top0 + rowsPerBand - 1, role: .muted)
          }
          continue
        }
        var level = top > 0 ? Int(saturating: (v / top * Double(levels)).rounded()) : 0
        if v > 0 { level = Swift.max(level, 1) }
        let role = role(band, points[p])
        for row in 0..<rowsPerBand {
          let fill = Swift.max(0, Swift.min(8, level - (rowsPerBand - 1 - row) * 8))
          guard fill > 0 else { continue }
          canvas.put(Self.block(fill, glyphs), x: x, y: top0 + row, role: role)
        }
      }
      if let cursor {
        let from = column(ofPoint: cursor)
        let to = cursor + 1 < points.count ? column(ofPoint: cursor + 1) : chartWidth
        canvas.restyle(
          Rect(x: chartX + from, y: top0, width: Swift.max(1, to - from), height: rowsPerBand),
          role: .selection)
      }
    }
  }

  /// Each step's columns, from the top band to the axis, are that step for the mouse.
  func markSteps(into canvas: inout Canvas) {
    guard chartWidth > 0, !points.isEmpty else { return }
    for p in points.indices {
      let from = column(ofPoint: p)
      let to = p + 1 < points.count ? column(ofPoint: p + 1) : chartWidth
      guard to > from else { continue }
      canvas.mark(
        Rect(x: chartX + from, y: area.y, width: to - from, height: area.height - 1),
        .panel(.timeline), row: p)
    }
  }

  /// One cell of a bar `fill` eighths high.
  static func block(_ fill: Int, _ glyphs: Glyphs) -> String {
    if glyphs.isUnicode { return String(glyphs.spark[fill - 1]) }
    return fill == 8 ? "#" : fill >= 4 ? "=" : "_"
  }

  /// The times at both ends and each deploy's mark: a bar in the bands where they are empty, and
  /// `▲ v1.4.2` on the axis.
  func drawAxis(
    into canvas: inout Canvas, deploys: [DeployEvent], offsetSeconds: Int, glyphs: Glyphs
  ) {
    guard chartWidth > 0, let first = points.first, let last = points.last else { return }
    let y = area.maxY - 2
    let clip = Rect(x: chartX, y: y, width: chartWidth, height: 1)
    canvas.put(
      Formatting.clock(first.from, offsetSeconds: offsetSeconds), x: chartX, y: y, role: .muted,
      clip: clip)
    let end = Formatting.clock(last.to, offsetSeconds: offsetSeconds)
    canvas.put(end, x: chartX + chartWidth - end.count, y: y, role: .muted, clip: clip)
    let span = last.to - first.from
    guard span > 0 else { return }
    let bandRows = Swift.min(Band.allCases.count * rowsPerBand, area.height - 2)
    for deploy in deploys where deploy.time >= first.from && deploy.time <= last.to {
      let c = Swift.min(
        chartWidth - 1, Int(saturating: (deploy.time - first.from) / span * Double(chartWidth)))
      let x = chartX + c
      for row in 0..<bandRows where canvas[x, area.y + row].scalar == " " {
        canvas.put(glyphs.isUnicode ? "┊" : ":", x: x, y: area.y + row, role: .accent)
      }
      let name = deploy.version ?? deploy.kind.rawValue
      canvas.put(
        (glyphs.isUnicode ? "▲ " : "^ ") + TextSanitizer.display(name), x: x, y: y, role: .accent,
        clip: clip)
    }
  }
}
