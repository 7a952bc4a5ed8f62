/// Finds a TOML date-time whose `T` is not followed by a digit (`2026-11-24T!4:02`). toml++, inside
/// TOMLKit, asserts that digit instead of reporting it, and its assertions stay on in release
/// builds: the whole binary would abort on such a config (found by scripts/fuzz). Text in strings
/// and comments is skipped; everything else is left to the parser.
enum DateTimeCheck {
  /// The 1-based line of the first such date-time.
  static func firstBadTime(in text: String) -> Int? {
    let b = Array(text.utf8)
    var i = 0
    var line = 1
    func isDigit(_ k: Int) -> Bool { k < b.count && b[k] >= 0x30 && b[k] <= 0x39 }
    while i < b.count {
      switch b[i] {
      case 0x0A:
        line += 1
        i += 1
      case 0x23:  // # comment: to the end of the line
        while i < b.count, b[i] != 0x0A { i += 1 }
      case 0x22, 0x27:  // " or ': a string, single- or multi-line
        let quote = b[i]
        let multi = i + 2 < b.count && b[i + 1] == quote && b[i + 2] == quote
        i += multi ? 3 : 1
        while i < b.count {
          if b[i] == 0x0A {
            if !multi { break }
            line += 1
          }
          if quote == 0x22, b[i] == 0x5C {  // a backslash escapes the next byte
            i += 2
            continue
          }
          if b[i] == quote {
            if !multi {
              i += 1
              break
            }
            if i + 2 < b.count, b[i + 1] == quote, b[i + 2] == quote {
              i += 3
              break
            }
          }
          i += 1
        }
      default:
        // YYYY-MM-DD then T or t: a digit must follow.
        if i == 0 || !isDigit(i - 1), (0..<4).allSatisfy({ isDigit(i + $0) }),
          i + 10 < b.count, b[i + 4] == 0x2D, isDigit(i + 5), isDigit(i + 6), b[i + 7] == 0x2D,
          isDigit(i + 8), isDigit(i + 9), b[i + 10] == 0x54 || b[i + 10] == 0x74
        {
          if !isDigit(i + 11) { return line }
          i += 11
        } else {
          i += 1
        }
      }
    }
    return nil
  }
}
