import SitrepCore

/// Raw lines (already sanitised at ingest), filtered, scrolled, with clipped-line markers, what
/// the search matches highlighted and the current match or error selected.
public enum LogScreen {
  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    let log = state.log
    let visible = log.visibleIndices
    var status = " \(visible.count) line\(visible.count == 1 ? "" : "s")"
    if !log.filter.isEmpty { status += " matching &\"\(log.filter)\" of \(log.lines.count)" }
    let search = LinePattern(log.search)
    if !search.isEmpty {
      let hits = visible.filter { search.matches(log.lines[$0].text) }
      let at = log.cursor.flatMap { hits.firstIndex(of: $0) }.map { "\($0 + 1) of " } ?? ""
      status +=
        " · \(log.searchForward ? "/" : "?")\"\(log.search)\" \(at)\(hits.count) match\(hits.count == 1 ? "" : "es")"
    }
    status += state.following && log.bottom == nil ? " · following end" : " · paused"
    // Say when what shows is not all the file holds: only the newest lines of each are kept.
    var perFile: [String: Int] = [:]
    for line in log.lines { perFile[line.path, default: 0] += 1 }
    if let full = perFile.first(where: { $0.value >= LineArchive.defaultCapacity }) {
      let name = full.key.split(separator: "/").last.map(String.init) ?? full.key
      status +=
        " · only the newest \(LineArchive.defaultCapacity) lines of \(name)"
        + (perFile.count > 1 ? " and others" : "") + " are kept"
    }
    if log.horizontalOffset > 0 { status += " · column \(log.horizontalOffset + 1)" }
    canvas.put(status, x: area.x, y: area.y, role: .muted, clip: area)
    let body = area.splitTop(1).1
    guard !body.isEmpty else { return }
    if visible.isEmpty {
      canvas.put(
        " no lines" + (log.filter.isEmpty ? " yet" : " match the filter"), x: body.x, y: body.y,
        role: .muted, clip: body)
      return
    }
    let bottom = Swift.min(log.bottom ?? visible.count - 1, visible.count - 1)
    let top = Swift.max(0, bottom - body.height + 1)
    for (row, index) in visible[top...bottom].enumerated() {
      let line = log.lines[index]
      let y = body.y + row
      canvas.mark(body.row(row), .log, row: index)
      let role: Role = index == log.cursor ? .selection : line.isError ? .crit : .normal
      let scalars = Array(line.text.unicodeScalars)
      let offset = Swift.min(log.horizontalOffset, scalars.count)
      var text = String(String.UnicodeScalarView(scalars[offset...]))
      var x = body.x
      if offset > 0 {
        x = canvas.put(ctx.glyphs.clipLeft, x: x, y: y, role: .muted, clip: body)
      }
      let room = body.maxX - x
      if CellWidth.of(text) > room {
        text = TextFit.clip(text, room - 1, ellipsis: "")
        let end = canvas.put(text, x: x, y: y, role: role, clip: body)
        canvas.put(ctx.glyphs.clipRight, x: end, y: y, role: .muted, clip: body)
      } else {
        canvas.put(text, x: x, y: y, role: role, clip: body)
      }
      if index == log.cursor {
        canvas.restyle(body.row(row), role: .selection)
      } else {
        highlight(search, in: scalars, from: offset, x: x, y: y, canvas: &canvas, clip: body)
      }
    }
  }

  /// Marks the cells of each search match in a line drawn from scalar `offset` at column `x`.
  static func highlight(
    _ search: LinePattern, in scalars: [Unicode.Scalar], from offset: Int, x: Int, y: Int,
    canvas: inout Canvas, clip: Rect
  ) {
    guard !search.isEmpty else { return }
    let line = String(String.UnicodeScalarView(scalars))
    for match in search.matchedScalars(in: line) where match.upperBound > offset {
      let start = Swift.max(match.lowerBound, offset)
      let column = x + scalars[offset..<start].reduce(0) { $0 + CellWidth.of($1) }
      let width = scalars[start..<match.upperBound].reduce(0) { $0 + CellWidth.of($1) }
      let cells = Rect(x: column, y: y, width: width, height: 1).intersection(clip)
      if !cells.isEmpty { canvas.restyle(cells, role: .match) }
    }
  }
}
