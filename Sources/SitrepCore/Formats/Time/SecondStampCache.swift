/// Remembers the whole second of the last ISO 8601 stamp read from a JSON value: an app writes
/// the same second on many records in a row, each with its own fraction (`14:00:00.019999Z`), so
/// `RepeatedStampCache`'s whole-stamp match never hits. Here the date and clock (19 bytes) and what
/// follows the fraction (the zone, up to 8 bytes) must be the same bytes again; the fraction is
/// read each time, exactly as `TimestampParser` reads it, and added to the remembered second as
/// the parser adds it (`Double(seconds) + fraction`), so a hit gives the very same value.
///
/// Two seconds are kept: one file often holds two loggers' stamp shapes line by line (structlog's
/// `2026-11-24T14:00:00.019999Z` and python-json-logger's `2026-11-24 14:00:00,029`), and one
/// entry then missed every line.
struct SecondStampCache {
  private var entries = (Entry(), Entry())
  /// Which entry a miss replaces: the one not hit last.
  private var replaceFirst = true

  @inline(__always)
  mutating func stamp(_ bytes: LineBytes, parse: (LineBytes) -> EpochSeconds?) -> EpochSeconds? {
    guard let key = Entry.Key(bytes) else { return parse(bytes) }
    if let hit = entries.0.value(key) {
      replaceFirst = false
      return hit
    }
    if let hit = entries.1.value(key) {
      replaceFirst = true
      return hit
    }
    guard let value = parse(bytes) else { return nil }
    if replaceFirst {
      entries.0.remember(key, value, bytes)
    } else {
      entries.1.remember(key, value, bytes)
    }
    replaceFirst.toggle()
    return value
  }
}

/// One remembered second of `SecondStampCache`.
private struct Entry {
  /// The first 19 bytes (`2026-11-24T14:00:00`) as three little-endian words, the last masked.
  private var head: (UInt64, UInt64, UInt64) = (0, 0, 0)
  /// The bytes after the fraction (`Z`, `+01:00`, nothing), at most 8.
  private var tail: UInt64 = 0
  private var tailLength = -1
  private var second: Double = 0

  /// A stamp's bytes as the cache compares them, and its fraction read as the parser reads it.
  struct Key {
    var w0: UInt64
    var w1: UInt64
    var w2: UInt64
    var tail: UInt64
    var tailLength: Int
    var fraction: Double

    @inline(__always)
    init?(_ bytes: LineBytes) {
      let n = bytes.count
      guard n >= 19, n <= 19 + 1 + 12 + 8, let base = bytes.baseAddress else { return nil }
      let p = UnsafeRawPointer(base)
      w0 = p.loadUnaligned(as: UInt64.self)
      w1 = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
      // Bytes 16..<19, read without going past the value.
      w2 = UInt64(base[16]) | UInt64(base[17]) << 8 | UInt64(base[18]) << 16
      var i = 19
      fraction = 0.0
      if i + 1 < n, base[i] == UInt8(ascii: ".") || base[i] == UInt8(ascii: ","),
        ByteClass.isDigit(base[i + 1])
      {
        // As `TimestampParser.clock` reads it, digit by digit, so the sum is the same.
        i += 1
        var scale = 0.1
        while i < n, let digit = ByteClass.digit(base[i]) {
          fraction += Double(digit) * scale
          scale /= 10
          i += 1
        }
      }
      tailLength = n - i
      guard tailLength <= 8 else { return nil }
      tail = 0
      for k in 0..<tailLength { tail |= UInt64(base[i + k]) << UInt64(8 * k) }
    }
  }

  @inline(__always)
  func value(_ key: Key) -> EpochSeconds? {
    guard tailLength == key.tailLength, key.tail == tail, key.w0 == head.0, key.w1 == head.1,
      key.w2 == head.2
    else { return nil }
    return second + key.fraction
  }

  /// Remembers the second of `value`, the parser's reading of `bytes`, when it is shaped
  /// `YYYY-MM-DD?HH:MM:SS` (its 19 bytes then are the whole second) and adding the fraction back
  /// gives exactly `value`.
  mutating func remember(_ key: Key, _ value: EpochSeconds, _ bytes: LineBytes) {
    guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), value.isFinite,
      abs(value) < 1e12
    else { return }
    let whole = (value - key.fraction).rounded()
    guard whole + key.fraction == value else { return }
    head = (key.w0, key.w1, key.w2)
    tail = key.tail
    tailLength = key.tailLength
    second = whole
  }
}
