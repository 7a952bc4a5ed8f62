extension LogLevel {
  /// `init(loose:)` over a value's bytes, without making a String for the usual spellings: each
  /// JSON record has a level, and lowercasing a String per line cost more than reading the rest.
  /// Spellings longer than eight bytes or not ASCII go the String way.
  public init?(looseBytes bytes: LineBytes) {
    guard bytes.count <= 8 else {
      guard bytes.count <= 16, let level = LogLevel(loose: String(decoding: bytes, as: UTF8.self))
      else { return nil }
      self = level
      return
    }
    // The word lowercased (ASCII letters only, as `lowercased()` does them), packed little-endian:
    // loaded and lowercased a word at a time (a loop over the bytes was 76 instructions for an
    // `info`, measured).
    let word = Self.packed(bytes)
    guard word & 0x8080_8080_8080_8080 == 0 else {
      guard let level = LogLevel(loose: String(decoding: bytes, as: UTF8.self)) else { return nil }
      self = level
      return
    }
    let lowered = Self.asciiLowercased(word)
    // Commonest first; a dozen compares cost less than hashing the word.
    for (packed, level) in Self.packedSpellings where packed == lowered {
      self = level
      return
    }
    return nil
  }

  /// Up to eight bytes packed little-endian into a word (byte `k` at bits `8k`), zeros above: two
  /// loads that may overlap, whose shared bytes are the same.
  @inline(__always)
  static func packed(_ bytes: LineBytes) -> UInt64 {
    let n = bytes.count
    guard n > 0, let base = bytes.baseAddress else { return 0 }
    let p = UnsafeRawPointer(base)
    switch n {
    case 4...8:
      let low = UInt64(UInt32(littleEndian: p.loadUnaligned(as: UInt32.self)))
      let high = UInt64(
        UInt32(littleEndian: p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
      return low | high << UInt64(8 * (n - 4))
    case 2...3:
      let low = UInt64(UInt16(littleEndian: p.loadUnaligned(as: UInt16.self)))
      let high = UInt64(
        UInt16(littleEndian: p.loadUnaligned(fromByteOffset: n - 2, as: UInt16.self)))
      return low | high << UInt64(8 * (n - 2))
    default:
      return UInt64(base[0])
    }
  }

  /// `A`...`Z` made `a`...`z` in each byte of a word of ASCII bytes (none above 0x7F), every other
  /// byte as it was. Per byte, adding 0x3F sets the top bit from `A` up and adding 0x25 from `[`
  /// up; neither carries into the next byte below 0x80.
  @inline(__always)
  static func asciiLowercased(_ word: UInt64) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let fromA = word &+ ones &* 0x3F
    let pastZ = word &+ ones &* 0x25
    let upper = fromA & ~pastZ & (ones &* 0x80)
    return word | upper >> 2
  }

  /// Every spelling `init(loose:)` takes of eight bytes or fewer, packed as `init(looseBytes:)`
  /// packs a word.
  private static let packedSpellings: [(UInt64, LogLevel)] = {
    let words: [(String, LogLevel)] = [
      ("info", .info), ("error", .error), ("warning", .warning), ("debug", .debug),
      ("warn", .warning), ("trace", .debug), ("7", .debug), ("notice", .info),
      ("6", .info), ("5", .info), ("4", .warning),
      ("err", .error), ("3", .error), ("critical", .critical),
      ("crit", .critical), ("fatal", .critical), ("alert", .critical), ("emerg", .critical),
      ("panic", .critical), ("2", .critical), ("1", .critical), ("0", .critical),
    ]
    return words.map { word, level in
      var packed: UInt64 = 0
      for (k, b) in word.utf8.enumerated() { packed |= UInt64(b) << (8 * UInt64(k)) }
      return (packed, level)
    }
  }()
}
