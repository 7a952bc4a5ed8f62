/// Keeps a decoder's `DecodeCounts` honest: every line fed lands in exactly one bucket.
public struct DecodeTally {
  public private(set) var counts = DecodeCounts()
  /// How many malformed lines are kept for display.
  public static let keptMalformed = 5
  /// Kept lines are cut to this many characters: a 100 kB garbage line must not live on screen.
  public static let keptLength = 500

  public init() {}

  public mutating func parsed() { counts.parsed += 1 }
  public mutating func ignored() { counts.ignored += 1 }

  public mutating func malformed(_ line: LineBytes) {
    counts.malformed += 1
    let cut = LineBytes(rebasing: line.prefix(Self.keptLength * 4))
    var text = TextSanitizer.display(cut)
    if text.count > Self.keptLength { text = String(text.prefix(Self.keptLength)) + "…" }
    counts.recentMalformed.append(text)
    if counts.recentMalformed.count > Self.keptMalformed {
      counts.recentMalformed.removeFirst(counts.recentMalformed.count - Self.keptMalformed)
    }
  }
}

extension String {
  /// Runs `body` over the string's UTF-8 bytes without copying when it is native.
  func withLineBytes<R>(_ body: (LineBytes) -> R) -> R {
    var copy = self
    return copy.withUTF8(body)
  }
}
