/// What a part of the screen is, for the mouse: which list or view a cell belongs to and, on a
/// list, which row. Views record it as they draw, so a click lands on exactly what was drawn there.
public enum HitScope: Sendable, Equatable {
  /// A main-screen panel (its border, its rows).
  case panel(Panel)
  /// The list of a drill-down screen (routes, runs, requests, signatures, deploys, sources).
  case list
  /// The scrolling body of a detail screen (a traceback, a request, a record).
  case detail
  /// The log view's lines.
  case log
  /// The help box.
  case help
}

/// One area of the screen and what it is.
public struct HitRegion: Sendable, Equatable {
  public var rect: Rect
  public var scope: HitScope
  /// The row's position in the list as drawn; `nil` for the area around the rows. On the log
  /// view, the line's index in the view's lines.
  public var row: Int?
  /// The row's identity (`SelectionKeys`): a click selects this service, run or signature even
  /// if the list moved under the pointer since it was drawn. `nil` where rows have none.
  public var key: String?

  public init(rect: Rect, scope: HitScope, row: Int? = nil, key: String? = nil) {
    self.rect = rect
    self.scope = scope
    self.row = row
    self.key = key
  }
}

/// Every area a frame drew, the last drawn on top (a row over its panel, help over everything).
public struct HitMap: Sendable, Equatable {
  public var regions: [HitRegion] = []
  /// How deep the drill-down stack was when the frame was drawn: a click meant for a screen that
  /// has since been left or covered does nothing.
  public var depth = 0

  public init(regions: [HitRegion] = [], depth: Int = 0) {
    self.regions = regions
    self.depth = depth
  }

  /// What is at cell (x, y); `nil` on nothing (the header, the footer, blank space).
  public func region(x: Int, y: Int) -> HitRegion? {
    regions.last { $0.rect.contains(x: x, y: y) }
  }
}

extension Rect {
  public func contains(x px: Int, y py: Int) -> Bool {
    px >= x && px < maxX && py >= y && py < maxY
  }
}

extension Canvas {
  /// Records that `rect` (clipped to the canvas) is `scope`, or one of its rows.
  public mutating func mark(_ rect: Rect, _ scope: HitScope, row: Int? = nil) {
    let clipped = rect.intersection(bounds)
    guard !clipped.isEmpty else { return }
    hits.regions.append(HitRegion(rect: clipped, scope: scope, row: row))
  }
}
