/// A strftime pattern (`%d/%b/%Y:%H:%M:%S %z`, Python's `datefmt`, Apache's `%{...}t`) compiled
/// for reading times back: `%Y %y %m %d %e %H %I %M %S %f %p %j %b %h %B %a %A %z %Z %s %T %F %D
/// %R %%`. Fields the pattern does not write take their value from the time the line was read
/// (a missing year) or the read day (a time of day only); a missing zone takes the naive zone.
public struct StrftimePattern: Sendable {
  enum Item: Sendable, Equatable {
    case literal(UInt8)
    case directive(UInt8)
  }

  let items: [Item]

  /// The directives understood; anything else is refused when the pattern is compiled.
  static let known = Array("YymdeHIMSfpjbhBaAzZsTFDR%".utf8)

  /// Compiles `text`; the error quotes the first directive it does not know.
  init(_ text: String) throws(DeclaredFormatError) {
    var items: [Item] = []
    var bytes = Array(text.utf8)[...]
    while let b = bytes.popFirst() {
      guard b == UInt8(ascii: "%") else {
        items.append(.literal(b))
        continue
      }
      // glibc's `%-d` / `%_d` / `%0d` flags change padding only; reading is lenient anyway.
      while let flag = bytes.first,
        flag == UInt8(ascii: "-") || flag == UInt8(ascii: "_")
          || flag == UInt8(ascii: "0")
      {
        bytes.removeFirst()
      }
      guard let d = bytes.popFirst() else {
        throw DeclaredFormatError(
          "datefmt \"\(text)\" ends with a lone %", fix: "write %% for a percent sign")
      }
      guard Self.known.contains(d) else {
        throw DeclaredFormatError(
          "unknown strftime directive %\(Character(Unicode.Scalar(d))) in \"\(text)\"",
          fix: "use %Y %m %d %H %M %S %y %b %B %a %A %p %I %j %f %z %Z (or %%)")
      }
      switch d {
      case UInt8(ascii: "%"): items.append(.literal(d))
      case UInt8(ascii: "T"): items += Self.expand("%H:%M:%S")
      case UInt8(ascii: "F"): items += Self.expand("%Y-%m-%d")
      case UInt8(ascii: "D"): items += Self.expand("%m/%d/%y")
      case UInt8(ascii: "R"): items += Self.expand("%H:%M")
      default: items.append(.directive(d))
      }
    }
    self.items = items
  }

  private static func expand(_ text: String) -> [Item] {
    var items: [Item] = []
    var it = Array(text.utf8).makeIterator()
    while let b = it.next() {
      if b == UInt8(ascii: "%"), let d = it.next() {
        items.append(.directive(d))
      } else {
        items.append(.literal(b))
      }
    }
    return items
  }

  /// Reads a time written with this pattern; nil (cursor unmoved) when the text does not fit.
  func parse(_ c: inout ByteCursor, readAt: EpochSeconds, naiveZone: NaiveZone) -> EpochSeconds? {
    let start = c.index
    var year: Int?
    var month: Int?
    var day: Int?
    var dayOfYear: Int?
    var hour = 0
    var minute = 0
    var second = 0
    var fraction = 0.0
    var pm: Bool?
    var offset: Int?
    var epoch: Double?
    for item in items {
      switch item {
      case .literal(let b):
        // A space in the pattern also takes the padding of `%e`-style fields.
        if b == 0x20 {
          guard c.skipSpaces() > 0 else { return fail(&c, start) }
        } else if !c.skip(b) {
          return fail(&c, start)
        }
      case .directive(let d):
        switch d {
        case UInt8(ascii: "Y"): year = Self.digits(&c, 4, atLeast: 4)
        case UInt8(ascii: "y"):
          year = Self.digits(&c, 2, atLeast: 2).map { $0 < 69 ? 2000 + $0 : 1900 + $0 }
        case UInt8(ascii: "m"): month = Self.digits(&c, 2)
        case UInt8(ascii: "d"), UInt8(ascii: "e"):
          c.skipSpaces()
          day = Self.digits(&c, 2)
        case UInt8(ascii: "H"), UInt8(ascii: "I"):
          c.skipSpaces()
          guard let h = Self.digits(&c, 2) else { return fail(&c, start) }
          hour = h
        case UInt8(ascii: "M"):
          guard let m = Self.digits(&c, 2) else { return fail(&c, start) }
          minute = m
        case UInt8(ascii: "S"):
          guard let s = Self.digits(&c, 2) else { return fail(&c, start) }
          second = s
        case UInt8(ascii: "f"):
          let digits = c.read(while: ByteClass.isDigit)
          guard !digits.isEmpty else { return fail(&c, start) }
          var scale = 0.1
          for i in digits {
            fraction += Double(c.bytes[i] &- 0x30) * scale
            scale /= 10
          }
        case UInt8(ascii: "j"):
          guard let j = Self.digits(&c, 3) else { return fail(&c, start) }
          dayOfYear = j
        case UInt8(ascii: "p"):
          let word = c.read(while: ByteClass.isAlpha)
          let text = c.string(word).lowercased()
          guard text == "am" || text == "pm" else { return fail(&c, start) }
          pm = text == "pm"
        case UInt8(ascii: "b"), UInt8(ascii: "h"), UInt8(ascii: "B"):
          let word = c.read(while: ByteClass.isAlpha)
          guard word.count >= 3,
            let m = CivilDate.month(
              abbreviation: c.bytes[word.lowerBound], c.bytes[word.lowerBound + 1],
              c.bytes[word.lowerBound + 2])
          else { return fail(&c, start) }
          month = m
        case UInt8(ascii: "a"), UInt8(ascii: "A"):
          guard c.read(while: ByteClass.isAlpha).count >= 2 else { return fail(&c, start) }
        case UInt8(ascii: "z"):
          if c.skip(UInt8(ascii: "Z")) {
            offset = 0
          } else {
            guard let z = TimestampParser.zoneOffset(&c) else { return fail(&c, start) }
            offset = z
          }
        case UInt8(ascii: "Z"):
          let word = c.read(while: ByteClass.isAlpha)
          let name = c.string(word)
          if name == "UTC" || name == "GMT" || name == "Z" { offset = 0 }
        case UInt8(ascii: "s"):
          guard let v = c.readDecimal(), v > 0 else { return fail(&c, start) }
          epoch = v
        default:
          return fail(&c, start)
        }
        if d == UInt8(ascii: "Y") || d == UInt8(ascii: "y") || d == UInt8(ascii: "m")
          || d == UInt8(ascii: "d") || d == UInt8(ascii: "e")
        {
          guard year != nil || (d != UInt8(ascii: "Y") && d != UInt8(ascii: "y")) else {
            return fail(&c, start)
          }
          guard month != nil || d != UInt8(ascii: "m") else { return fail(&c, start) }
          guard day != nil || (d != UInt8(ascii: "d") && d != UInt8(ascii: "e")) else {
            return fail(&c, start)
          }
        }
      }
    }
    if let epoch { return epoch }
    if let pm {
      guard (1...12).contains(hour) else { return fail(&c, start) }
      hour = hour % 12 + (pm ? 12 : 0)
    }
    let read = Self.readDay(readAt, naiveZone)
    let y = year ?? read.year
    if let doy = dayOfYear, month == nil {
      let days = CivilDate.daysFromCivil(year: y, month: 1, day: 1) + doy - 1
      let civil = CivilDate.civilFromDays(days)
      guard civil.year == y else { return fail(&c, start) }
      month = civil.month
      day = civil.day
    }
    let dateWritten = month != nil || day != nil
    guard
      let t = TimestampParser.epoch(
        year: y, month: month ?? (dateWritten ? 1 : read.month),
        day: day ?? (dateWritten ? 1 : read.day), hour: hour, minute: minute, second: second,
        fraction: fraction, writtenOffset: offset, naiveZone: naiveZone)
    else { return fail(&c, start) }
    return t
  }

  /// At most `width` digits (at least `atLeast`): fields written side by side (`%y%m%d`) are
  /// told apart by their widths, as strftime pads them.
  private static func digits(_ c: inout ByteCursor, _ width: Int, atLeast: Int = 1) -> Int? {
    var value = 0
    var n = 0
    while n < width, let b = c.peek(at: n), let d = ByteClass.digit(b) {
      value = value * 10 + d
      n += 1
    }
    guard n >= atLeast else { return nil }
    c.index += n
    return value
  }

  private func fail(_ c: inout ByteCursor, _ start: Int) -> EpochSeconds? {
    c.index = start
    return nil
  }

  /// The civil date `readAt` falls on in `zone`.
  private static func readDay(_ t: EpochSeconds, _ zone: NaiveZone) -> (
    year: Int, month: Int, day: Int
  ) {
    guard t.isFinite, abs(t) < 1e12 else { return (1970, 1, 1) }
    let second = Int(saturating: t.rounded(.down))
    let local = second + zone.offset(atUTC: second)
    let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    return CivilDate.civilFromDays(days)
  }
}
