/// Finds the table header the TOML parser would abort on, so a bad config is an error, not a crash.
///
/// toml++ (inside TOMLKit) checks a header's first key character with an assertion instead of an
/// error: `[%`, `[(`, `[[=`, `[.]`, `[é]` or a `[` alone on its line abort the process, and C
/// assertions stay on in the release build (found by `scripts/fuzz`; fixed upstream in toml++ pull
/// request 301, not in the version TOMLKit bundles). This scan walks the statements as toml++ does
/// (keys, values with their strings, arrays and comments) and stops at the first header whose key
/// starts with a character no key can start with. toml++ stops at the first syntax error, so a
/// scan that loses its way in invalid TOML can only miss a header toml++ never reaches either.
enum TableHeaderCheck {
  /// The bad header's 1-based line and the character after its brackets (nil at a line end);
  /// or, `inArray`, a `}` where an array's value should be, which toml++ asserts on as well
  /// (`[1, }`, found by `scripts/fuzz`).
  struct BadHeader: Equatable {
    var line: Int
    var character: Unicode.Scalar?
    var inArray = false
  }

  static func firstBadHeader(in text: String) -> BadHeader? {
    var scan = Scanner(bytes: Array(text.utf8))
    return scan.run()
  }

  private struct Scanner {
    let bytes: [UInt8]
    var i = 0
    var line = 1
    /// A `}` found where an array's value should be (`keyValue`).
    var badValue: BadHeader?

    init(bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { i >= bytes.count }
    var byte: UInt8 { bytes[i] }

    mutating func run() -> BadHeader? {
      while !atEnd {
        skipSpaces()
        guard !atEnd else { return nil }
        switch byte {
        case .newline:
          line += 1
          i += 1
        case .carriageReturn:
          i += 1
        case .hash:
          skipComment()
        case .openBracket:
          if let bad = header() { return bad }
        default:
          guard keyValue() else { return badValue }
        }
      }
      return nil
    }

    mutating func skipSpaces() {
      while !atEnd, byte == .space || byte == .tab { i += 1 }
    }

    /// To the end of the line, leaving the newline to be counted.
    mutating func skipComment() {
      while !atEnd, byte != .newline { i += 1 }
    }

    /// `[name]` or `[[name]]`, as toml++'s `parse_table_header` reads its start. Nil when the key
    /// may start here (what follows is toml++'s to judge); the rest of the line is skipped.
    mutating func header() -> BadHeader? {
      i += 1
      let before = i
      skipSpaces()
      var isArray = false
      if !atEnd, byte == .openBracket, i == before {
        i += 1
        isArray = true
        skipSpaces()
      }
      // At the end, toml++ reports the end; `]` is its "blank key" error, a `[` after `[ ` its
      // "brackets must be contiguous" one. A third bracket after `[[` (`[[[`, `[[ [`) it asserts
      // on (found by `scripts/fuzz`).
      guard !atEnd, byte != .closeBracket else { return nil }
      if byte == .openBracket { return isArray ? BadHeader(line: line, character: "[") : nil }
      if !Self.mayStartKey(byte) {
        return BadHeader(line: line, character: scalar(at: i))
      }
      while !atEnd, byte != .newline {
        if byte == .quote || byte == .apostrophe {
          guard singleLineString() else { return nil }
        } else {
          i += 1
        }
      }
      return nil
    }

    /// A key, `=` and a value, to the end of its last line. False when the scan lost its way
    /// (invalid TOML: toml++ stops there).
    mutating func keyValue() -> Bool {
      while !atEnd, byte != .equals {
        if byte == .newline { return false }
        if byte == .quote || byte == .apostrophe {
          guard singleLineString() else { return false }
        } else {
          i += 1
        }
      }
      guard !atEnd else { return false }
      i += 1
      // The brackets and braces open in the value, innermost last, and whether an array's value
      // comes next (after its `[` or a `,`).
      var open: [UInt8] = []
      var valueDue = false
      while !atEnd {
        switch byte {
        case .newline:
          if open.isEmpty { return true }
          line += 1
          i += 1
        case .hash:
          skipComment()
        case .quote, .apostrophe:
          valueDue = false
          guard string() else { return false }
        case .openBracket, .openBrace:
          valueDue = byte == .openBracket
          open.append(byte)
          i += 1
        case .closeBracket, .closeBrace:
          if byte == .closeBrace, valueDue, open.last == .openBracket {
            badValue = BadHeader(line: line, character: "}", inArray: true)
            return false
          }
          valueDue = false
          guard !open.isEmpty else { return false }
          open.removeLast()
          i += 1
        case .comma:
          valueDue = open.last == .openBracket
          i += 1
        case .space, .tab, .carriageReturn:
          i += 1
        default:
          valueDue = false
          i += 1
        }
      }
      return true
    }

    /// A string value: `"…"`, `'…'`, or their multi-line forms with three quotes.
    mutating func string() -> Bool {
      let quote = byte
      if i + 2 < bytes.count, bytes[i + 1] == quote, bytes[i + 2] == quote {
        i += 3
        while !atEnd {
          if byte == .backslash && quote == .quote {
            if i + 1 < bytes.count, bytes[i + 1] == .newline { line += 1 }
            i += 2
            continue
          }
          if byte == .newline { line += 1 }
          if byte == quote, i + 2 < bytes.count, bytes[i + 1] == quote, bytes[i + 2] == quote {
            i += 3
            // Up to two more quotes belong to the string.
            while !atEnd, byte == quote { i += 1 }
            return true
          }
          i += 1
        }
        return false
      }
      return singleLineString()
    }

    /// `"…"` with backslash escapes, or `'…'` without; never across a line end.
    mutating func singleLineString() -> Bool {
      let quote = byte
      i += 1
      while !atEnd, byte != .newline {
        if byte == .backslash && quote == .quote {
          i += 2
          continue
        }
        if byte == quote {
          i += 1
          return true
        }
        i += 1
      }
      return false
    }

    func scalar(at index: Int) -> Unicode.Scalar? {
      guard bytes[index] != .newline, bytes[index] != .carriageReturn else { return nil }
      let rest = bytes[index..<min(bytes.count, index + 4)]
      return String(decoding: rest, as: UTF8.self).unicodeScalars.first
    }

    /// A bare key's characters (A-Z a-z 0-9 _ -) or a quote.
    static func mayStartKey(_ b: UInt8) -> Bool {
      (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
        || b == 0x5F || b == 0x2D || b == .quote || b == .apostrophe
    }
  }
}

extension UInt8 {
  fileprivate static let newline = UInt8(ascii: "\n")
  fileprivate static let carriageReturn = UInt8(ascii: "\r")
  fileprivate static let space = UInt8(ascii: " ")
  fileprivate static let tab = UInt8(ascii: "\t")
  fileprivate static let hash = UInt8(ascii: "#")
  fileprivate static let openBracket = UInt8(ascii: "[")
  fileprivate static let closeBracket = UInt8(ascii: "]")
  fileprivate static let openBrace = UInt8(ascii: "{")
  fileprivate static let closeBrace = UInt8(ascii: "}")
  fileprivate static let equals = UInt8(ascii: "=")
  fileprivate static let comma = UInt8(ascii: ",")
  fileprivate static let quote = UInt8(ascii: "\"")
  fileprivate static let apostrophe = UInt8(ascii: "'")
  fileprivate static let backslash = UInt8(ascii: "\\")
}
