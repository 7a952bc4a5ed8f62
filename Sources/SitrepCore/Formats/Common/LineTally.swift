/// What became of one line a decoder recorded straight into the model.
public enum RecordedLine {
  case parsed
  /// Parsed, but stamped beyond `FutureHorizon` and left out of the model.
  case future
  case malformed
}

/// Keeps a decoder's `LineCounts` honest: every line fed lands in exactly one bucket (parsed,
/// ignored or malformed); `future` counts the parsed lines the model refused.
public struct LineTally {
  private var parsedCount = 0
  private var ignoredCount = 0
  private var malformedCount = 0
  private var futureCount = 0
  /// Raw bytes of the last malformed lines; sanitised only when someone looks, because a
  /// stream of garbage should cost a copy per line, not a Unicode pass per line.
  private var recent: [[UInt8]] = []

  /// How many malformed lines are kept for display.
  public static let keptMalformed = 5
  /// Kept lines are cut to this many characters: a 100 kB garbage line must not live on screen.
  public static let keptLength = 500

  public init() {}

  public var counts: LineCounts {
    var c = LineCounts()
    c.parsed = parsedCount
    c.ignored = ignoredCount
    c.malformed = malformedCount
    c.future = futureCount
    c.recentMalformed = recent.map(Self.displayText)
    return c
  }

  public mutating func parsed(_ count: Int = 1) { parsedCount += count }
  public mutating func ignored() { ignoredCount += 1 }
  /// A parsed line (counted with `parsed` too) that the model refused as stamped in the future.
  public mutating func future() { futureCount += 1 }

  /// Counts a line by what recording it gave.
  @inline(__always)
  public mutating func count(_ outcome: RecordedLine, _ line: LineBytes) {
    switch outcome {
    case .parsed: parsedCount += 1
    case .future:
      parsedCount += 1
      futureCount += 1
    case .malformed: malformed(line)
    }
  }

  public mutating func malformed(_ line: LineBytes) {
    malformedCount += 1
    if recent.count >= Self.keptMalformed { recent.removeFirst() }
    // Four bytes per character at most, so this always covers `keptLength` characters.
    recent.append(Array(line.prefix(Self.keptLength * 4)))
  }

  /// Adds the lines `later` counted, which came after these in the file (bulk reads count each
  /// chunk on its own).
  public mutating func absorb(_ later: LineTally) {
    parsedCount += later.parsedCount
    ignoredCount += later.ignoredCount
    malformedCount += later.malformedCount
    futureCount += later.futureCount
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
