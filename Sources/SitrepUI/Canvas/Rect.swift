/// A rectangle of cells: the area a view may draw into.
public struct Rect: Sendable, Equatable {
  public var x: Int
  public var y: Int
  public var width: Int
  public var height: Int

  public init(x: Int, y: Int, width: Int, height: Int) {
    self.x = x
    self.y = y
    self.width = Swift.max(0, width)
    self.height = Swift.max(0, height)
  }

  public var isEmpty: Bool { width <= 0 || height <= 0 }
  public var maxX: Int { x + width }
  public var maxY: Int { y + height }

  /// The area inside a one-cell border.
  public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }

  /// Splits off `rows` rows from the top; returns (top, rest).
  public func splitTop(_ rows: Int) -> (Rect, Rect) {
    let r = Swift.min(Swift.max(rows, 0), height)
    return (
      Rect(x: x, y: y, width: width, height: r),
      Rect(x: x, y: y + r, width: width, height: height - r)
    )
  }

  /// Splits off `cols` columns from the left; returns (left, rest).
  public func splitLeft(_ cols: Int) -> (Rect, Rect) {
    let c = Swift.min(Swift.max(cols, 0), width)
    return (
      Rect(x: x, y: y, width: c, height: height),
      Rect(x: x + c, y: y, width: width - c, height: height)
    )
  }

  /// The cells both rectangles hold (empty when they do not overlap).
  public func intersection(_ other: Rect) -> Rect {
    let left = Swift.max(x, other.x)
    let top = Swift.max(y, other.y)
    return Rect(
      x: left, y: top, width: Swift.min(maxX, other.maxX) - left,
      height: Swift.min(maxY, other.maxY) - top)
  }

  public func row(_ i: Int) -> Rect {
    Rect(x: x, y: y + i, width: width, height: i < height ? 1 : 0)
  }
}
