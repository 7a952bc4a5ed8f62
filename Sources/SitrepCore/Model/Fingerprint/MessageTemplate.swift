/// Turns an error message into its template: the words that say what went wrong stay, the values
/// that differ per occurrence (ids, numbers, times, addresses, quoted values) become placeholders,
/// so `cart ceca77caa not found` and `cart c7354ea6f not found` are one signature.
///
/// One pass over the UTF-8 bytes, no regular expressions: it runs once per error record. Only ASCII
/// is looked at; other bytes are copied as they are.
struct MessageTemplate {
  /// Enough to tell errors apart; longer messages are cut so one huge message costs no more.
  static let maxBytes = 400
  /// A quote that closes further away than this is not quoting a value (an apostrophe, prose).
  static let maxQuoted = 80

  static func normalize(_ message: String) -> String {
    var bytes = Array(message.utf8.prefix(maxBytes))
    if bytes.count == maxBytes { dropPartialCharacter(&bytes) }
    var template = MessageTemplate(bytes)
    template.scan()
    return String(decoding: template.out, as: UTF8.self)
  }

  private let b: [UInt8]
  private var out: [UInt8] = []
  // Whole shapes are only looked for when the character they need is in the message at all.
  private let hasAt: Bool
  private let hasColon: Bool
  private let hasDot: Bool

  private init(_ bytes: [UInt8]) {
    b = bytes
    out.reserveCapacity(bytes.count)
    hasAt = bytes.contains(UInt8(ascii: "@"))
    hasColon = bytes.contains(UInt8(ascii: ":"))
    hasDot = bytes.contains(UInt8(ascii: "."))
  }

  private mutating func scan() {
    var i = 0
    while i < b.count {
      let c = b[i]
      if c == UInt8(ascii: "'") || c == UInt8(ascii: "\""), let close = closingQuote(i) {
        out += Placeholder.string
        i = close + 1
        continue
      }
      if i == 0 || !ValueShapes.isWordByte(b[i - 1]), let (end, placeholder) = value(at: i) {
        out += placeholder
        i = end
        continue
      }
      if ValueShapes.isWordByte(c) {
        i = run(at: i)
        continue
      }
      out.append(c)
      i += 1
    }
  }

  /// Quoted values (`KeyError: 'sku'`, `user "bob"`) are data. An apostrophe between letters
  /// (`can't`, `user's`) opens no quote, or it would swallow the words up to the next one.
  private func closingQuote(_ i: Int) -> Int? {
    let quote = b[i]
    if quote == UInt8(ascii: "'"), i > 0, i + 1 < b.count, ByteClass.isAlpha(b[i - 1]),
      ByteClass.isAlpha(b[i + 1])
    {
      return nil
    }
    var j = i + 1
    while j < b.count, j - i <= Self.maxQuoted {
      if b[j] == quote { return j }
      j += 1
    }
    return nil
  }

  /// A value with punctuation in it, starting at a word boundary. Email first: its local part
  /// may look like anything else.
  private func value(at i: Int) -> (Int, [UInt8])? {
    let c = b[i]
    // Spaces and most punctuation start no value: the common case, answered at once.
    guard
      WordShape.isAlnum(c) || c == UInt8(ascii: "{") || c == UInt8(ascii: "[")
        || c == UInt8(ascii: ":") || c == UInt8(ascii: "-")
    else { return nil }
    if hasAt, ValueShapes.isWordByte(c), let end = ValueShapes.email(b, i) {
      return (end, Placeholder.email)
    }
    if c == UInt8(ascii: "{"), let end = ValueShapes.uuid(b, i) { return (end, Placeholder.uuid) }
    if c == UInt8(ascii: "["), hasColon, let end = ValueShapes.ipv6(b, i) {
      return (end, Placeholder.ip)
    }
    if ByteClass.isDigit(c), let (end, kind) = ValueShapes.moment(b, i) {
      switch kind {
      case .timestamp: return (end, Placeholder.timestamp)
      case .date: return (end, Placeholder.date)
      case .time: return (end, Placeholder.time)
      }
    }
    if ByteClass.isDigit(c), hasDot, let end = ValueShapes.ipv4(b, i) {
      return (end, Placeholder.ip)
    }
    if hasColon, ByteClass.isHex(c) || c == UInt8(ascii: ":"), let end = ValueShapes.ipv6(b, i) {
      return (end, Placeholder.ip)
    }
    if ByteClass.isHex(c), let end = ValueShapes.uuid(b, i) { return (end, Placeholder.uuid) }
    if let number = number(at: i) { return number }
    if hasDot, ValueShapes.isWordByte(c), let end = ValueShapes.dottedToken(b, i) {
      return (end, Placeholder.token)
    }
    return nil
  }

  /// `1842`, `-3`, `0.25`, `3.5s`: a number, negative or with decimals, maybe with a unit. A
  /// number that runs on into a word (`1842abc`, `1842_x`) is left to the word pass.
  private func number(at i: Int) -> (Int, [UInt8])? {
    var j = i
    if b[j] == UInt8(ascii: "-") { j += 1 }
    let integerEnd = ValueShapes.digitRun(b, j)
    guard integerEnd > j else { return nil }
    j = integerEnd
    while j + 1 < b.count, b[j] == UInt8(ascii: "."), ByteClass.isDigit(b[j + 1]) {
      j = ValueShapes.digitRun(b, j + 1)
    }
    var unitEnd = j
    while unitEnd < b.count, ByteClass.isAlpha(b[unitEnd]) { unitEnd += 1 }
    if unitEnd > j {
      guard ValueShapes.endsWord(b, unitEnd), !joinsWord(unitEnd), WordShape.isUnit(b, j..<unitEnd)
      else { return nil }
      return (unitEnd, Placeholder.number + b[j..<unitEnd])
    }
    guard ValueShapes.endsWord(b, j), !joinsWord(j) else { return nil }
    return (j, Placeholder.number)
  }

  /// `-` followed by a letter or digit continues a run (`1842-abc`).
  private func joinsWord(_ j: Int) -> Bool {
    j + 1 < b.count && b[j] == UInt8(ascii: "-") && WordShape.isAlnum(b[j + 1])
  }

  /// Letters, digits, `_` and `-` from `i`: one random token as a whole, or word by word with the
  /// joiners kept (`sync_sku`, `order-<n>`, `cus_<id>`).
  private mutating func run(at i: Int) -> Int {
    var end = i
    while end < b.count, ValueShapes.isWordByte(b[end]) || b[end] == UInt8(ascii: "-") { end += 1 }
    while end > i + 1, b[end - 1] == UInt8(ascii: "-") { end -= 1 }
    let joined = b[i..<end].contains { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    if joined, WordShape.isToken(b, i..<end) {
      out += Placeholder.token
      return end
    }
    var k = i
    while k < end {
      guard WordShape.isAlnum(b[k]) else {
        out.append(b[k])
        k += 1
        continue
      }
      var wordEnd = k
      while wordEnd < end, WordShape.isAlnum(b[wordEnd]) { wordEnd += 1 }
      if let placeholder = WordShape.placeholder(b, k..<wordEnd) {
        out += placeholder
      } else {
        out += b[k..<wordEnd]
      }
      k = wordEnd
    }
    return end
  }

  /// Cutting at a byte limit can split a character in two; its leading bytes are dropped.
  private static func dropPartialCharacter(_ bytes: inout [UInt8]) {
    var k = bytes.count - 1
    while k >= 0, bytes[k] & 0xC0 == 0x80 { k -= 1 }
    guard k >= 0, bytes[k] >= 0xC0 else { return }
    let length = bytes[k] >= 0xF0 ? 4 : bytes[k] >= 0xE0 ? 3 : 2
    if bytes.count - k < length { bytes.removeLast(bytes.count - k) }
  }
}
