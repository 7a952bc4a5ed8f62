/// Keeps a decoder's `DecodeCounts` honest: every line fed lands in exactly one bucket.
public struct DecodeTally {
  private var parsedCount = 0
  private var ignoredCount = 0
  private var malformedCount = 0
  /// Raw bytes of the last malformed lines; sanitised only when someone looks, because a
  /// stream of garbage should cost a copy per line, not a Unicode pass per line.
  private var recent: [[UInt8]] = []

  /// How many malformed lines are kept for display.
  public static let keptMalformed = 5
  /// Kept lines are cut to this many characters: a 100 kB garbage line must not live on screen.
  public static let keptLength = 500

  public init() {}

  public var counts: DecodeCounts {
    var c = DecodeCounts()
    c.parsed = parsedCount
    c.ignored = ignoredCount
    c.malformed = malformedCount
    c.recentMalformed = recent.map(Self.displayText)
    return c
  }

  public mutating func parsed(_ count: Int = 1) { parsedCount += count }
  public mutating func ignored() { ignoredCount += 1 }

  public mutating func malformed(_ line: LineBytes) {
    malformedCount += 1
    if recent.count >= Self.keptMalformed { recent.removeFirst() }
    // Four bytes per character at most, so this always covers `keptLength` characters.
    recent.append(Array(line.prefix(Self.keptLength * 4)))
  }

  /// Adds the lines `later` counted, which came after these in the file (bulk reads count each
  /// chunk on its own).
  public mutating func absorb(_ later: DecodeTally) {
    parsedCount += later.parsedCount
    ignoredCount += later.ignoredCount
    malformedCount += later.malformedCount
    recent = Array((recent + later.recent).suffix(Self.keptMalformed))
  }

  private static func displayText(_ bytes: [UInt8]) -> String {
    var text = bytes.withUnsafeBufferPointer { TextSanitizer.display($0) }
    if text.unicodeScalars.count > keptLength {
      text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(keptLength))) + "…"
    }
    return text
  }
}
