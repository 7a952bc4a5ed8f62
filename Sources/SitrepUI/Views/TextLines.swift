/// Draws a list of (text, role) lines into an area, clipped, from a scroll offset.
public enum TextLines {
  public static func render(
    _ lines: [(String, Role)], into canvas: inout Canvas, area: Rect, ctx: ViewContext,
    from: Int = 0
  ) {
    for (i, line) in lines.dropFirst(from).prefix(area.height).enumerated() {
      canvas.put(
        TextFit.clip(line.0, area.width, ellipsis: ctx.glyphs.ellipsis), x: area.x, y: area.y + i,
        role: line.1, clip: area)
    }
  }
}
