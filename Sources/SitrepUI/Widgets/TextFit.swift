/// Fitting text into columns: clip with an ellipsis, pad left or right.
public enum TextFit {
  /// Cuts `text` to `width` columns, ending with `ellipsis` when it had to cut.
  public static func clip(_ text: String, _ width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    if CellWidth.of(text) <= width { return text }
    var out = String.UnicodeScalarView()
    var used = 0
    let room = width - CellWidth.of(ellipsis)
    for s in text.unicodeScalars {
      let w = CellWidth.of(s)
      if used + w > room { break }
      out.append(s)
      used += w
    }
    return String(out) + (room >= 0 ? ellipsis : "")
  }

  /// Cuts from the left, keeping the end (a file name matters more than its directory).
  public static func clipLeft(_ text: String, _ width: Int, ellipsis: String = "…") -> String {
    guard width > 0 else { return "" }
    if CellWidth.of(text) <= width { return text }
    var kept: [Unicode.Scalar] = []
    var used = CellWidth.of(ellipsis)
    for s in text.unicodeScalars.reversed() {
      let w = CellWidth.of(s)
      if used + w > width { break }
      kept.append(s)
      used += w
    }
    return ellipsis + String(String.UnicodeScalarView(kept.reversed()))
  }

  public static func padRight(_ text: String, _ width: Int, ellipsis: String = "…") -> String {
    let t = clip(text, width, ellipsis: ellipsis)
    return t + String(repeating: " ", count: Swift.max(0, width - CellWidth.of(t)))
  }

  public static func padLeft(_ text: String, _ width: Int, ellipsis: String = "…") -> String {
    let t = clip(text, width, ellipsis: ellipsis)
    return String(repeating: " ", count: Swift.max(0, width - CellWidth.of(t))) + t
  }
}
