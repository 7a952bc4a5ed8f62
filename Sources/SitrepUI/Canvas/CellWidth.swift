/// How many terminal columns a scalar takes: 0 for combining marks, 2 for East Asian wide and emoji
/// ranges, else 1. A small table rather than wcwidth(3) so views and tests agree without a locale.
public enum CellWidth {
  public static func of(_ s: Unicode.Scalar) -> Int {
    let v = s.value
    if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }  // Controls never reach a cell.
    if v < 0x300 { return 1 }
    if (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v)
    {
      return 0
    }
    if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v)
      || (0xAC00...0xD7A3).contains(v)
      || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
      || (0xFF00...0xFF60).contains(v)
      || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
      || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
    {
      return 2
    }
    return 1
  }

  public static func of(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + of($1) } }
}
