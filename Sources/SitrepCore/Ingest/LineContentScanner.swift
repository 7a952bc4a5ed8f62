/// Finds NUL bytes and invalid UTF-8 in a line without allocating. Most log lines are plain ASCII,
/// so a word-at-a-time check decides those quickly and only suspicious lines get a full validation.
enum LineContentScanner {
  private static let highBits: UInt64 = 0x8080_8080_8080_8080
  private static let lowBits: UInt64 = 0x0101_0101_0101_0101

  static func flags(_ start: UnsafePointer<UInt8>, count: Int) -> LineFlags {
    var index = 0
    while index + 8 <= count {
      let word = UnsafeRawPointer(start + index).loadUnaligned(as: UInt64.self)
      // A byte >= 0x80, or a zero byte (the classic "has zero byte" bit trick).
      if word & highBits != 0 || (word &- lowBits) & ~word & highBits != 0 {
        return validate(start, count: count)
      }
      index += 8
    }
    while index < count {
      let byte = start[index]
      if byte == 0 || byte >= 0x80 { return validate(start, count: count) }
      index += 1
    }
    return []
  }

  /// Whether `count` bytes hold no NUL and nothing above 0x7F, a word at a time with no branch per
  /// word: true means every line among them has no flags to find. (Swift's SIMD16 types compiled to
  /// a per-lane loop here, three times slower than decoding the lines: measured, so words.)
  static func isPlainASCII(_ start: UnsafePointer<UInt8>, count: Int) -> Bool {
    let raw = UnsafeRawPointer(start)
    var index = 0
    var odd: UInt64 = 0
    while index + 8 <= count {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      // A byte >= 0x80, or a zero byte: the same test `flags` makes, accumulated.
      odd |= word | ((word &- lowBits) & ~word)
      index += 8
      if index & 4095 == 0, odd & highBits != 0 { return false }
    }
    if odd & highBits != 0 { return false }
    while index < count {
      if start[index] == 0 || start[index] >= 0x80 { return false }
      index += 1
    }
    return true
  }

  /// Full UTF-8 validation (rejecting overlongs, surrogates and code points past U+10FFFF).
  static func validate(_ start: UnsafePointer<UInt8>, count: Int) -> LineFlags {
    var flags: LineFlags = []
    var index = 0
    while index < count {
      let lead = start[index]
      if lead < 0x80 {
        if lead == 0 { flags.insert(.nul) }
        index += 1
        continue
      }
      let length: Int
      var scalar: UInt32
      let minimum: UInt32
      switch lead {
      case 0xC0...0xDF: (length, scalar, minimum) = (2, UInt32(lead & 0x1F), 0x80)
      case 0xE0...0xEF: (length, scalar, minimum) = (3, UInt32(lead & 0x0F), 0x800)
      case 0xF0...0xF7: (length, scalar, minimum) = (4, UInt32(lead & 0x07), 0x10000)
      default:
        flags.insert(.invalidUTF8)
        index += 1
        continue
      }
      guard index + length <= count else {
        flags.insert(.invalidUTF8)
        index += 1
        continue
      }
      var valid = true
      for offset in 1..<length {
        let next = start[index + offset]
        if next & 0xC0 != 0x80 {
          valid = false
          break
        }
        scalar = scalar << 6 | UInt32(next & 0x3F)
      }
      if !valid || scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
        flags.insert(.invalidUTF8)
        index += 1
        continue
      }
      index += length
    }
    return flags
  }
}
