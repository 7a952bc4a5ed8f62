/// Decides whether one word of an error message is a value that changes per occurrence (an id, a
/// number, a token) or a word that names the problem and must stay in the signature.
///
/// A word here is a run of ASCII letters and digits; `_` and `-` join words into a `run`
/// (`sync_sku`, `order-1842`, `api-7f9c8d6b5-x2kqz`). Everything works on UTF-8 bytes.
enum WordShape {
  /// Units a number commonly carries in a message (`after 2s`, `150ms`, `10MB`, `5xx`, `3rd`): the
  /// number varies, the unit says what was measured, so only the digits are replaced. Units that
  /// are hex letters (`d` for days, `b` for bytes) are left out: `4d` and `3b` are hex ids, like
  /// `5e` and `7f`, so two ids of that shape never make two templates.
  static let units: [[UInt8]] = [
    "s", "ms", "us", "ns", "m", "min", "h", "kb", "mb", "gb", "tb", "kib", "mib", "gib", "k", "x",
    "xx", "st", "nd", "rd", "th", "sec", "secs",
  ].map { Array($0.utf8) }

  /// Runs at least this long that look random are one token (`token_urlsafe()`, nanoid, shortuuid):
  /// their `-` and `_` fall at random places, so handling them word by word would give a different
  /// template per token.
  static let tokenLength = 16

  /// What replaces the word `b[range]`, or `nil` to keep it as written.
  static func placeholder(_ b: [UInt8], _ range: Range<Int>) -> [UInt8]? {
    var digits = 0
    var allHex = true
    var leadingDigits = 0
    for k in range {
      let c = b[k]
      if ByteClass.isDigit(c) {
        digits += 1
        if leadingDigits == k - range.lowerBound { leadingDigits += 1 }
      }
      if !ByteClass.isHex(c) { allHex = false }
    }
    let length = range.count
    // A plain number: a count, a port, a numeric id.
    if digits == length { return Placeholder.number }
    if digits == 0 {
      // Letters only are words, hex-looking ones too (`cafe`, `bad`, `deadbeef`, `face`), unless a
      // long run switches case like random base64 does (`aZbQxPlmKwRtYuIo`); CamelCase
      // (`ConnectionRefusedError`) switches far less often.
      if length >= tokenLength && caseSwitches(b, range) * 3 >= length { return Placeholder.token }
      return nil
    }
    // `0x7f3a9c`: an address or a hex id written the C way.
    if length > 2, b[range.lowerBound] == UInt8(ascii: "0"),
      b[range.lowerBound + 1] | 0x20 == UInt8(ascii: "x"),
      b[(range.lowerBound + 2)..<range.upperBound].allSatisfy(ByteClass.isHex)
    {
      return Placeholder.id
    }
    // `2s`, `150ms`, `5xx`: the number changes, the unit is part of what the message says.
    if leadingDigits > 0, isUnit(b, (range.lowerBound + leadingDigits)..<range.upperBound) {
      return Placeholder.number + b[(range.lowerBound + leadingDigits)..<range.upperBound]
    }
    // Hex mixing letters and digits at any length (`ceca77caa`, `c7354ea6f`, a git sha, a
    // Mongo ObjectId, `uuid4().hex`): random ids are written this way, words almost never are.
    if allHex { return Placeholder.id }
    if length >= tokenLength { return Placeholder.token }
    // `sha256`, `utf8`, `int64`, `http2`, `s3`, `web01`: a name with a short number at the end names
    // a thing, not an occurrence. Mixed case (`Xk3`) is not a name: that is a short random token.
    if isNameWithNumber(b, range, digits: digits) { return nil }
    // Anything else mixing letters and digits (`user1842`, `r2d2x`, `A7kQ`) is an id.
    return Placeholder.id
  }

  /// Whether a run of words (`b[range]`, joined by `_`/`-`) is one random token as a whole: long,
  /// and at least half of its letters sit in words that would be replaced anyway. Words of digits
  /// only are left out of the count, so `report_2026-11-26` stays `report_<n>-<n>-<n>`.
  static func isToken(_ b: [UInt8], _ range: Range<Int>) -> Bool {
    guard range.count >= tokenLength else { return false }
    var considered = 0
    var random = 0
    var start = range.lowerBound
    while start < range.upperBound {
      var end = start
      while end < range.upperBound, isAlnum(b[end]) { end += 1 }
      if end > start, !b[start..<end].allSatisfy(ByteClass.isDigit) {
        considered += end - start
        if looksRandom(b, start..<end) { random += end - start }
      }
      start = end + 1
    }
    return random > 0 && random * 2 >= considered
  }

  /// A word that would not be read as a word: letters with digits, or case switching inside it
  /// (`aP`, `qLm`), which English words and identifiers do not do more than at their humps.
  static func looksRandom(_ b: [UInt8], _ range: Range<Int>) -> Bool {
    let hasDigit = b[range].contains(where: ByteClass.isDigit)
    let hasLetter = b[range].contains(where: ByteClass.isAlpha)
    if hasDigit && hasLetter { return true }
    return range.count >= 2 && caseSwitches(b, range) * 3 >= range.count
  }

  static func isAlnum(_ c: UInt8) -> Bool { ByteClass.isAlpha(c) || ByteClass.isDigit(c) }

  private static func caseSwitches(_ b: [UInt8], _ range: Range<Int>) -> Int {
    var switches = 0
    var previous: Bool?
    for k in range where ByteClass.isAlpha(b[k]) {
      let upper = ByteClass.isUpper(b[k])
      if let p = previous, p != upper { switches += 1 }
      previous = upper
    }
    return switches
  }

  static func isUnit(_ b: [UInt8], _ range: Range<Int>) -> Bool {
    guard !range.isEmpty, range.count <= 4, b[range].allSatisfy(ByteClass.isAlpha) else {
      return false
    }
    return units.contains { unit in
      unit.count == range.count && zip(unit, b[range]).allSatisfy { $0 == $1 | 0x20 }
    }
  }

  /// Letters in one case, then one to three digits.
  private static func isNameWithNumber(_ b: [UInt8], _ range: Range<Int>, digits: Int) -> Bool {
    guard digits <= 3 else { return false }
    let letters = range.lowerBound..<(range.upperBound - digits)
    guard !letters.isEmpty, b[letters].allSatisfy(ByteClass.isAlpha),
      b[letters.upperBound..<range.upperBound].allSatisfy(ByteClass.isDigit)
    else { return false }
    let upper = b[letters].reduce(0) { $0 + (ByteClass.isUpper($1) ? 1 : 0) }
    return upper == 0 || upper == letters.count
  }
}

/// What the normaliser writes instead of a variable part. Each names the shape it replaced, so a
/// signature still reads (`cart <id> not found`, `timeout after <n>s`).
enum Placeholder {
  static let number = Array("<n>".utf8)
  static let id = Array("<id>".utf8)
  static let token = Array("<token>".utf8)
  static let uuid = Array("<uuid>".utf8)
  static let string = Array("<str>".utf8)
  static let email = Array("<email>".utf8)
  static let ip = Array("<ip>".utf8)
  static let timestamp = Array("<ts>".utf8)
  static let date = Array("<date>".utf8)
  static let time = Array("<time>".utf8)
}
