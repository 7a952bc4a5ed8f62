/// The characters views draw with: Unicode box drawing and markers on a UTF-8 terminal, ASCII in a
/// C locale, so the screen stays legible either way.
public struct Glyphs: Sendable, Equatable {
  public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: Unicode.Scalar
  public var ok, warn, crit, unknown, running, bullet, arrowUp, arrowDown, same, ellipsis: String
  public var clipLeft, clipRight: String
  /// Between a before and an after value.
  public var arrowRight: String
  public var spark: [Unicode.Scalar]
  public var separator: String
  public var isUnicode: Bool

  public static let unicode = Glyphs(
    horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
    ok: "✔", warn: "▲", crit: "✖", unknown: "?", running: "◷", bullet: "●", arrowUp: "▲",
    arrowDown: "▼", same: "≈", ellipsis: "…", clipLeft: "«", clipRight: "»", arrowRight: "→",
    spark: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], separator: "·", isUnicode: true)

  public static let ascii = Glyphs(
    horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
    ok: "+", warn: "!", crit: "X", unknown: "?", running: "~", bullet: "*", arrowUp: "^",
    arrowDown: "v", same: "=", ellipsis: "~", clipLeft: "<", clipRight: ">", arrowRight: "->",
    spark: ["_", ".", "-", "=", "+", "*", "#", "@"], separator: "-", isUnicode: false)
}
