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
    // Lines read back hold the kept ones still: new lines wait until `G` returns to the end.
    let live = state.following && log.bottom == nil && log.readBack.lines.isEmpty
    status += live ? " · following end" : " · paused"
    status += heldPart(state)
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

  /// Which part of its files the view holds, and how to reach more: only the newest lines of
  /// each are kept in memory, older ones are read back from the file on demand.
  static func heldPart(_ state: AppState) -> String {
    let log = state.log
    let b = log.readBack
    var text = ""
    var perFile: [String: Int] = [:]
    for line in log.kept { perFile[line.path, default: 0] += 1 }
    let files = log.firstShown()
    if b.isReading {
      text += b.pending?.direction == .newer ? " · reading newer lines…" : " · reading older lines…"
    }
    if !b.lines.isEmpty || b.isReading {
      // From where: the first line shown of the file (of the earliest, for several).
      let name = files.count == 1 ? LogPaging.name(files[0].path) : "\(files.count) files"
      let allStart = !files.isEmpty && files.allSatisfy { b.startReached.contains($0.path) }
      let first = files.compactMap { $0.line.stamped }.min()
      let from =
        allStart
        ? " from the first line"
        : first.map { " from \(Formatting.clock($0, offsetSeconds: state.snapshot.offsetSeconds))" }
          ?? ""
      text += " · holding \(name)\(from) (\(b.lines.count) read back from the file"
      text +=
        b.gapBelow
        ? "; newer lines not held: j reads them, G goes to the end)"
        : ", \(log.kept.count) kept in memory)"
    } else if let full = perFile.first(where: { $0.value >= LineArchive.defaultCapacity }) {
      text +=
        " · only the newest \(LineArchive.defaultCapacity) lines of \(LogPaging.name(full.key))"
        + (perFile.count > 1 ? " and others" : "") + " are kept"
    }
    if let changed = files.first(where: { b.changed.contains($0.path) }) {
      text +=
        " · "
        + LogPaging.goneText(
          log, path: changed.path, offsetSeconds: state.snapshot.offsetSeconds)
    } else if !b.isReading,
      files.contains(where: { file in
        !b.startReached.contains(file.path) && !b.unreadable.contains(file.path)
          && (file.line.position?.offset ?? 0) > 0
      })
    {
      text += " · g reads older"
    }
    return text
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
