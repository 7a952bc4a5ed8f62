/// A column of a table: its header, width and alignment.
public struct Column: Sendable {
  public enum Align: Sendable { case left, right }
  public var header: String
  public var width: Int
  public var align: Align

  public init(_ header: String, _ width: Int, _ align: Align = .left) {
    self.header = header
    self.width = width
    self.align = align
  }
}

/// One row of cells with their roles.
public struct TableRow: Sendable {
  public var cells: [(String, Role)]
  public init(_ cells: [(String, Role)]) { self.cells = cells }
}

/// A scrolling table with a header row and a selection bar.
public struct Table {
  public var columns: [Column]
  public var rows: [TableRow]
  public var selected: Int?
  public var showSelection: Bool

  public init(columns: [Column], rows: [TableRow], selected: Int?, showSelection: Bool) {
    self.columns = columns
    self.rows = rows
    self.selected = selected
    self.showSelection = showSelection
  }

  /// First row shown so the selection stays visible.
  public static func scrollOffset(selected: Int?, visible: Int, count: Int) -> Int {
    guard let selected, visible > 0, count > visible else { return 0 }
    return Swift.min(Swift.max(0, selected - visible + 1), count - visible)
  }

  public func render(into canvas: inout Canvas, area: Rect, glyphs: Glyphs) {
    guard !area.isEmpty else { return }
    var x = area.x
    for c in columns {
      let text =
        c.align == .left ? TextFit.padRight(c.header, c.width) : TextFit.padLeft(c.header, c.width)
      canvas.put(text, x: x, y: area.y, role: .muted, clip: area)
      x += c.width + 1
    }
    let visible = area.height - 1
    let first = Self.scrollOffset(selected: selected, visible: visible, count: rows.count)
    for (i, row) in rows.dropFirst(first).prefix(visible).enumerated() {
      let y = area.y + 1 + i
      // A table with a selection is its screen's list: each row is a row for the mouse.
      if showSelection { canvas.mark(area.row(1 + i), .list, row: first + i) }
      var x = area.x
      for (c, cell) in zip(columns, row.cells) {
        let text =
          c.align == .left
          ? TextFit.padRight(cell.0, c.width, ellipsis: glyphs.ellipsis)
          : TextFit.padLeft(cell.0, c.width, ellipsis: glyphs.ellipsis)
        canvas.put(text, x: x, y: y, role: cell.1, clip: area)
        x += c.width + 1
      }
      if showSelection && first + i == selected {
        canvas.restyle(area.row(1 + i), role: .selection)
      }
    }
    if rows.isEmpty && visible > 0 {
      canvas.put("(none)", x: area.x, y: area.y + 1, role: .muted, clip: area)
    }
  }
}
