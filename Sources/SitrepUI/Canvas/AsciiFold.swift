/// For terminals whose locale is not UTF-8: every non-ASCII character becomes a one-column ASCII
/// stand-in, so text from views and from logs stays legible and never turns into mojibake.
public enum AsciiFold {
  static let table: [UInt32: Unicode.Scalar] = [
    0x00B7: "-", 0x2014: "-", 0x2013: "-", 0x2264: "<", 0x2265: ">", 0x2026: "~", 0x2192: ">",
    0x2190: "<", 0x2191: "^", 0x2193: "v", 0x25B2: "^", 0x25BC: "v", 0x2248: "=", 0x2714: "+",
    0x2716: "X", 0x25CF: "*", 0x25F7: "~", 0x00AB: "<", 0x00BB: ">", 0x203A: ">", 0x23CE: "E",
    0x2500: "-", 0x2502: "|", 0x250C: "+", 0x2510: "+", 0x2514: "+", 0x2518: "+",
    0x2581: "_", 0x2582: ".", 0x2583: "-", 0x2584: "=", 0x2585: "+", 0x2586: "*", 0x2587: "#",
    0x2588: "@", 0x00D7: "x", 0xFFFD: "?",
  ]

  public static func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
    if s.value < 0x80 { return s }
    return table[s.value] ?? "?"
  }

  public static func fold(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter { CellWidth.of($0) > 0 }.map(fold)))
  }
}

extension Canvas {
  /// The same canvas with every cell folded to ASCII; the right halves of wide characters become
  /// cells of their own so columns stay where they were.
  public func asciiFolded() -> Canvas {
    var out = self
    for y in 0..<height {
      for x in 0..<width {
        let cell = self[x, y]
        out[x, y].scalar = cell.scalar.map(AsciiFold.fold) ?? "?"
      }
    }
    return out
  }
}
