import SitrepCore

/// One terminal cell: a character and the role that styles it. `scalar == nil` marks the right half
/// of a wide character drawn in the cell before it.
public struct Cell: Sendable, Equatable {
  public var scalar: Unicode.Scalar?
  public var role: Role
  public var bold: Bool

  public init(_ scalar: Unicode.Scalar? = " ", role: Role = .normal, bold: Bool = false) {
    self.scalar = scalar
    self.role = role
    self.bold = bold
  }
}

/// A grid of cells that views draw into. Plain data: tests compare its text, the terminal backend
/// copies it to ncurses, the headless report prints it.
public struct Canvas: Sendable, Equatable {
  public let width: Int
  public let height: Int
  public private(set) var cells: [Cell]
  /// What each area drawn is, for the mouse (`HitMap`).
  public var hits = HitMap()

  public init(width: Int, height: Int) {
    self.width = Swift.max(0, width)
    self.height = Swift.max(0, height)
    cells = Array(repeating: Cell(), count: self.width * self.height)
  }

  public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

  public subscript(x: Int, y: Int) -> Cell {
    get { cells[y * width + x] }
    set { cells[y * width + x] = newValue }
  }

  /// Writes `text` at (x, y), clipped to `clip` (and the canvas). Returns the column after the text.
  @discardableResult
  public mutating func put(
    _ text: String, x: Int, y: Int, role: Role = .normal, bold: Bool = false, clip: Rect? = nil
  ) -> Int {
    let area = clip ?? bounds
    guard y >= Swift.max(0, area.y), y < Swift.min(height, area.maxY) else { return x }
    let right = Swift.min(width, area.maxX)
    var col = x
    for s in text.unicodeScalars {
      let w = CellWidth.of(s)
      // Bidi overrides and other invisible format characters would reorder what follows them.
      if w == 0 || TextSanitizer.isHidden(s.value) { continue }
      if col + w > right { break }
      if col >= Swift.max(0, area.x) {
        self[col, y] = Cell(s, role: role, bold: bold)
        if w == 2 { self[col + 1, y] = Cell(nil, role: role, bold: bold) }
      }
      col += w
    }
    return col
  }

  /// Fills a rectangle with one character.
  public mutating func fill(_ rect: Rect, _ scalar: Unicode.Scalar = " ", role: Role = .normal) {
    for yy in Swift.max(0, rect.y)..<Swift.min(height, rect.maxY) {
      for xx in Swift.max(0, rect.x)..<Swift.min(width, rect.maxX) {
        self[xx, yy] = Cell(scalar, role: role)
      }
    }
  }

  /// Restyles a rectangle (for the selection bar) keeping its characters.
  public mutating func restyle(_ rect: Rect, role: Role) {
    for yy in Swift.max(0, rect.y)..<Swift.min(height, rect.maxY) {
      for xx in Swift.max(0, rect.x)..<Swift.min(width, rect.maxX) {
        self[xx, yy].role = role
      }
    }
  }

  /// The canvas as text, one line per row, trailing spaces trimmed: what tests compare.
  public var text: String { lines.joined(separator: "\n") }

  public var lines: [String] {
    (0..<height).map { y in
      var line = String.UnicodeScalarView()
      for x in 0..<width {
        if let s = self[x, y].scalar { line.append(s) }
      }
      var text = String(line)
      while text.hasSuffix(" ") { text.removeLast() }
      return text
    }
  }
}
