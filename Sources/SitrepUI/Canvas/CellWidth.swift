/// How many terminal columns a scalar takes: what the C library's wcwidth(3) says in a UTF-8
/// locale (0 for combining marks and invisible format characters, 2 for East Asian wide and emoji,
/// else 1), from a table generated from it (`cellWidthRanges`, `scripts/cell-width-table`), so
/// views, tests and the terminal agree without depending on the process's locale.
public enum CellWidth {
  public static func of(_ s: Unicode.Scalar) -> Int {
    let v = s.value
    if v < 0x20 || (0x7F...0x9F).contains(v) { return 0 }  // Controls never reach a cell.
    if v < 0x300 { return 1 }
    // Binary search for the last range starting at or before `v`.
    var low = 0
    var high = cellWidthRanges.count
    while low < high {
      let mid = (low + high) / 2
      if cellWidthRanges[mid].first <= v { low = mid + 1 } else { high = mid }
    }
    guard low > 0 else { return 1 }
    let range = cellWidthRanges[low - 1]
    return v <= range.last ? range.width : 1
  }

  public static func of(_ text: String) -> Int { text.unicodeScalars.reduce(0) { $0 + of($1) } }
}
