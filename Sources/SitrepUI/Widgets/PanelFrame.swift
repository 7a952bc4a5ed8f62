/// A bordered box with a title in its top edge; the focused panel's border is highlighted.
public struct PanelFrame {
  public var title: String
  public var focused: Bool

  public init(title: String, focused: Bool = false) {
    self.title = title
    self.focused = focused
  }

  /// Draws the frame and returns the inner area.
  @discardableResult
  public func render(into canvas: inout Canvas, area: Rect, glyphs: Glyphs) -> Rect {
    guard area.width >= 2, area.height >= 2 else {
      return Rect(x: area.x, y: area.y, width: 0, height: 0)
    }
    let role: Role = focused ? .accent : .border
    let h = String(repeating: String(glyphs.horizontal), count: area.width - 2)
    canvas.put(
      String(glyphs.topLeft) + h + String(glyphs.topRight), x: area.x, y: area.y, role: role)
    canvas.put(
      String(glyphs.bottomLeft) + h + String(glyphs.bottomRight), x: area.x, y: area.maxY - 1,
      role: role)
    for y in (area.y + 1)..<(area.maxY - 1) {
      canvas.put(String(glyphs.vertical), x: area.x, y: y, role: role)
      canvas.put(String(glyphs.vertical), x: area.maxX - 1, y: y, role: role)
    }
    let t = TextFit.clip(" \(title) ", area.width - 3, ellipsis: glyphs.ellipsis)
    canvas.put(t, x: area.x + 1, y: area.y, role: focused ? .accent : .title, bold: true)
    return area.inner
  }
}
