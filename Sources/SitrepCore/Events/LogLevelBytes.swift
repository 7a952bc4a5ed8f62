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
    // The word lowercased (ASCII letters only, as `lowercased()` does them), packed little-endian.
    var word: UInt64 = 0
    for (k, b) in bytes.enumerated() {
      guard b < 0x80 else {
        guard let level = LogLevel(loose: String(decoding: bytes, as: UTF8.self)) else {
          return nil
        }
        self = level
        return
      }
      let lower = b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
      word |= UInt64(lower) << (8 * UInt64(k))
    }
    // Commonest first; a dozen compares cost less than hashing the word.
    for (packed, level) in Self.packedSpellings where packed == word {
      self = level
      return
    }
    return nil
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
