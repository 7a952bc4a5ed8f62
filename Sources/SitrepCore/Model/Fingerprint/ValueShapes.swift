/// Matchers for values with punctuation in them (times, dates, UUIDs, IP addresses, emails, JWTs),
/// which the word-by-word pass would cut into pieces and partly keep. Each takes the message bytes
/// and a start at a word boundary and returns where the value ends, or `nil`.
enum ValueShapes {
  static func isWordByte(_ c: UInt8) -> Bool { ByteClass.isIdentifier(c) }

  /// True when `i` is the end of the message or is not a letter, digit or `_`: a value must not
  /// run on into a word (`2026-11-26abc` is not a date).
  static func endsWord(_ b: [UInt8], _ i: Int) -> Bool { i >= b.count || !isWordByte(b[i]) }

  /// `count` digits at `i`, as a number.
  static func digits(_ b: [UInt8], _ i: Int, _ count: Int) -> Int? {
    guard i + count <= b.count else { return nil }
    var v = 0
    for k in i..<(i + count) {
      guard let d = ByteClass.digit(b[k]) else { return nil }
      v = v * 10 + d
    }
    return v
  }

  /// The end of a run of digits starting at `i` (`i` itself when there are none).
  static func digitRun(_ b: [UInt8], _ i: Int) -> Int {
    var j = i
    while j < b.count, ByteClass.isDigit(b[j]) { j += 1 }
    return j
  }

  // MARK: Dates and times

  /// `2026-11-26` or `2026/11/26`: the date part of ISO 8601 and of most Python `asctime`s.
  static func date(_ b: [UInt8], _ i: Int) -> Int? {
    guard let year = digits(b, i, 4), year >= 1970, i + 10 <= b.count else { return nil }
    let sep = b[i + 4]
    guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/"), b[i + 7] == sep,
      let month = digits(b, i + 5, 2), (1...12).contains(month),
      let day = digits(b, i + 8, 2), (1...31).contains(day)
    else { return nil }
    return i + 10
  }

  /// `12:00:01`, `12:00`, `12:00:01.123456`, `12:00:01,123` (Python logging's milliseconds).
  /// A time followed by another `:` is not one (`10:30:00:00`, an IPv6 address).
  static func time(_ b: [UInt8], _ i: Int) -> Int? {
    let hourEnd = digitRun(b, i)
    guard hourEnd - i == 1 || hourEnd - i == 2, let hour = digits(b, i, hourEnd - i), hour < 24,
      hourEnd < b.count, b[hourEnd] == UInt8(ascii: ":"),
      let minute = digits(b, hourEnd + 1, 2), minute < 60
    else { return nil }
    var j = hourEnd + 3
    if j < b.count, b[j] == UInt8(ascii: ":"), let second = digits(b, j + 1, 2), second <= 60 {
      j += 3
      if j + 1 < b.count, b[j] == UInt8(ascii: ".") || b[j] == UInt8(ascii: ","),
        ByteClass.isDigit(b[j + 1])
      {
        j = digitRun(b, j + 1)
      }
    }
    if j < b.count, b[j] == UInt8(ascii: ":") { return nil }
    return j
  }

  /// `Z`, `+00:00`, `-0500` after a time.
  static func zone(_ b: [UInt8], _ i: Int) -> Int {
    guard i < b.count else { return i }
    if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") { return i + 1 }
    guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), digits(b, i + 1, 2) != nil
    else { return i }
    if i + 3 < b.count, b[i + 3] == UInt8(ascii: ":"), digits(b, i + 4, 2) != nil { return i + 6 }
    if digits(b, i + 3, 2) != nil { return i + 5 }
    return i + 3
  }

  enum Moment { case timestamp, date, time }

  /// A date with or without a time (`2026-11-26T12:00:01Z`, `2026-11-26 12:00:01,123`), or a
  /// time alone. Timestamps in messages are when something happened: never part of the problem.
  static func moment(_ b: [UInt8], _ i: Int) -> (end: Int, kind: Moment)? {
    if let d = date(b, i) {
      if d + 1 < b.count, b[d] == UInt8(ascii: "T") || b[d] == UInt8(ascii: " "),
        let t = time(b, d + 1)
      {
        let end = zone(b, t)
        if endsWord(b, end) { return (end, .timestamp) }
      }
      return endsWord(b, d) ? (d, .date) : nil
    }
    if let t = time(b, i) {
      let end = zone(b, t)
      if endsWord(b, end) { return (end, .time) }
    }
    return nil
  }

  // MARK: Identifiers with punctuation

  private static let uuidGroups = [8, 4, 4, 4, 12]

  /// `550e8400-e29b-41d4-a716-446655440000` in any case, also `{…}` as Windows and .NET write it.
  static func uuid(_ b: [UInt8], _ i: Int) -> Int? {
    guard i < b.count else { return nil }
    if b[i] == UInt8(ascii: "{") {
      guard let end = uuid(b, i + 1), end < b.count, b[end] == UInt8(ascii: "}") else { return nil }
      return end + 1
    }
    var j = i
    for (n, group) in uuidGroups.enumerated() {
      if n > 0 {
        guard j < b.count, b[j] == UInt8(ascii: "-") else { return nil }
        j += 1
      }
      guard j + group <= b.count, b[j..<(j + group)].allSatisfy(ByteClass.isHex) else {
        return nil
      }
      j += group
    }
    guard endsWord(b, j), j >= b.count || b[j] != UInt8(ascii: "-") else { return nil }
    return j
  }

  /// `a.b.c` where the parts are base64url: a JWT (its header always starts `eyJ`, `{"` encoded) or
  /// a signed token of the same shape. Dotted names (`app.orders.views`) do not look random.
  static func dottedToken(_ b: [UInt8], _ i: Int) -> Int? {
    var j = i
    var dots = 0
    var firstDot = 0
    var secondDot = 0
    while j < b.count, isWordByte(b[j]) || b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: ".") {
      if b[j] == UInt8(ascii: ".") {
        // A sentence's full stop, or `..`, is not part of the token.
        guard j + 1 < b.count, isWordByte(b[j + 1]) || b[j + 1] == UInt8(ascii: "-") else { break }
        dots += 1
        if dots == 1 { firstDot = j } else if dots == 2 { secondDot = j } else { return nil }
      }
      j += 1
    }
    guard dots == 2, firstDot > i else { return nil }
    if j - i >= 20, b[i..<(i + 3)].elementsEqual("eyJ".utf8) { return j }
    func randomPart(_ part: Range<Int>) -> Bool {
      part.count >= 8 && WordShape.looksRandom(b, part)
    }
    guard randomPart(i..<firstDot), randomPart((firstDot + 1)..<secondDot),
      randomPart((secondDot + 1)..<j)
    else { return nil }
    return j
  }

  // MARK: Network

  /// `10.0.0.5`, optionally with `:8000`.
  static func ipv4(_ b: [UInt8], _ i: Int) -> Int? {
    var j = i
    for n in 0..<4 {
      if n > 0 {
        guard j < b.count, b[j] == UInt8(ascii: ".") else { return nil }
        j += 1
      }
      let end = digitRun(b, j)
      guard (1...3).contains(end - j), let v = digits(b, j, end - j), v <= 255 else { return nil }
      j = end
    }
    // `1.2.3.4.5` is a version or an OID, not an address.
    if j + 1 < b.count, b[j] == UInt8(ascii: "."), ByteClass.isDigit(b[j + 1]) { return nil }
    guard endsWord(b, j) else { return nil }
    return port(b, j)
  }

  /// `2001:db8::1`, `fe80::1`, `::1`, the full eight groups; `[…]:8443` with a port.
  static func ipv6(_ b: [UInt8], _ i: Int) -> Int? {
    guard i < b.count else { return nil }
    if b[i] == UInt8(ascii: "[") {
      guard let end = ipv6(b, i + 1), end < b.count, b[end] == UInt8(ascii: "]") else {
        return nil
      }
      return port(b, end + 1)
    }
    var j = i
    while j < b.count, ByteClass.isHex(b[j]) || b[j] == UInt8(ascii: ":") { j += 1 }
    // `fe80::1:` ends a clause: the last colon is punctuation.
    if j - i >= 2, b[j - 1] == UInt8(ascii: ":"), b[j - 2] != UInt8(ascii: ":") { j -= 1 }
    guard endsWord(b, j), j >= b.count || b[j] != UInt8(ascii: ".") else { return nil }
    let text = b[i..<j]
    let colons = text.reduce(0) { $0 + ($1 == UInt8(ascii: ":") ? 1 : 0) }
    guard colons >= 2, text.contains(where: ByteClass.isDigit) else { return nil }
    var groupLength = 0
    var doubleColons = 0
    var previousColon = false
    for c in text {
      if c == UInt8(ascii: ":") {
        if previousColon { doubleColons += 1 }
        previousColon = true
        groupLength = 0
      } else {
        previousColon = false
        groupLength += 1
        if groupLength > 4 { return nil }
      }
    }
    guard doubleColons == 1 && !text.elementsEqual(":::".utf8) || doubleColons == 0 && colons == 7
    else { return nil }
    return j
  }

  /// `:8000` after an address, when there is one.
  private static func port(_ b: [UInt8], _ j: Int) -> Int {
    guard j < b.count, b[j] == UInt8(ascii: ":") else { return j }
    let end = digitRun(b, j + 1)
    guard (1...5).contains(end - j - 1), endsWord(b, end) else { return j }
    return end
  }

  /// `bob.smith+tag@example.co.uk`: who a request was for, different every time.
  static func email(_ b: [UInt8], _ i: Int) -> Int? {
    var j = i
    while j < b.count,
      isWordByte(b[j]) || b[j] == UInt8(ascii: ".") || b[j] == UInt8(ascii: "+")
        || b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "%")
    {
      j += 1
    }
    guard j > i, j < b.count, b[j] == UInt8(ascii: "@") else { return nil }
    var k = j + 1
    var labels = 0
    var lastLabel = k..<k
    while true {
      let start = k
      while k < b.count, WordShape.isAlnum(b[k]) || b[k] == UInt8(ascii: "-") { k += 1 }
      guard k > start else { return nil }
      labels += 1
      lastLabel = start..<k
      guard k + 1 < b.count, b[k] == UInt8(ascii: "."), WordShape.isAlnum(b[k + 1]) else { break }
      k += 1
    }
    guard labels >= 2, lastLabel.count >= 2, b[lastLabel].allSatisfy(ByteClass.isAlpha),
      endsWord(b, k)
    else { return nil }
    return k
  }
}
