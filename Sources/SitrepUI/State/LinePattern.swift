/// What `/`, `?` and `&` look for in log lines: a regular expression when the text has regex
/// syntax in it, else the text itself (the common case, and much faster to test). Case is ignored
/// unless the text has a capital letter in it ("smart case", as `less -i` and vim do).
public struct LinePattern {
  public let text: String
  /// The text was meant as a regex (it has regex syntax) but does not compile: it is looked for
  /// as written, and the view says so.
  public let notARegex: Bool
  private let literal: String
  private let regex: Regex<AnyRegexOutput>?
  private let ignoreCase: Bool

  public init(_ text: String) {
    self.text = text
    ignoreCase = !text.contains { $0.isUppercase }
    literal = ignoreCase ? text.lowercased() : text
    var compiled: Regex<AnyRegexOutput>?
    if text.contains(where: { Self.regexSyntax.contains($0) }) {
      compiled = try? Regex(text)
      if ignoreCase { compiled = compiled?.ignoresCase() }
    }
    regex = compiled
    notARegex = compiled == nil && text.contains(where: { Self.regexSyntax.contains($0) })
  }

  static let regexSyntax: Set<Character> = [
    "\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}",
  ]

  public var isEmpty: Bool { text.isEmpty }

  public func matches(_ line: String) -> Bool {
    if isEmpty { return true }
    if let regex { return (try? regex.firstMatch(in: line)) != nil }
    return (ignoreCase ? line.lowercased() : line).contains(literal)
  }

  /// Where it matches in `line`, as scalar offsets (for highlighting cells), left to right.
  public func matchedScalars(in line: String) -> [Range<Int>] {
    guard !isEmpty else { return [] }
    var out: [Range<Int>] = []
    func offsets(_ r: Range<String.Index>, in s: String) -> Range<Int> {
      let lower = s.unicodeScalars.distance(from: s.startIndex, to: r.lowerBound)
      return lower..<(lower + s.unicodeScalars.distance(from: r.lowerBound, to: r.upperBound))
    }
    if let regex {
      for m in line.matches(of: regex) where !m.range.isEmpty {
        out.append(offsets(m.range, in: line))
      }
      return out
    }
    // Lower-casing can change a scalar count (İ → i̇): match on scalars one by one instead.
    let hay = Array(line.unicodeScalars)
    let needle = Array(literal.unicodeScalars)
    guard !needle.isEmpty, hay.count >= needle.count else { return [] }
    func fold(_ s: Unicode.Scalar) -> Unicode.Scalar {
      guard ignoreCase, s.properties.isUppercase else { return s }
      let lowered = s.properties.lowercaseMapping.unicodeScalars
      return lowered.count == 1 ? lowered.first! : s
    }
    var i = 0
    while i <= hay.count - needle.count {
      if (0..<needle.count).allSatisfy({ fold(hay[i + $0]) == needle[$0] }) {
        out.append(i..<(i + needle.count))
        i += needle.count
      } else {
        i += 1
      }
    }
    return out
  }
}
