/// Remembers the last timestamp a parser read, as raw bytes and value: an access log writes the
/// same second on many consecutive lines, and comparing 32 bytes as four words is far cheaper
/// than reading the date again.
public struct RepeatedStampCache {
  private var key: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
  private var mask: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
  private var length = 0
  private var value: EpochSeconds = 0

  public init() {}

  /// Parses the stamp at the cursor with `parse`, or returns the remembered value when the same
  /// bytes are there again (the cursor then moves past them, as `parse` would have moved it).
  @inline(__always)
  public mutating func stamp(
    _ c: inout ByteCursor, parse: (inout ByteCursor) -> EpochSeconds?
  ) -> EpochSeconds? {
    guard c.remaining >= 32, let base = c.bytes.baseAddress else { return parse(&c) }
    let p = UnsafeRawPointer(base + c.index)
    let a0 = p.loadUnaligned(as: UInt64.self)
    let a1 = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    let a2 = p.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
    let a3 = p.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    if length > 0, a0 & mask.0 == key.0, a1 & mask.1 == key.1, a2 & mask.2 == key.2,
      a3 & mask.3 == key.3
    {
      c.index += length
      return value
    }
    let start = c.index
    guard let parsed = parse(&c) else { return nil }
    let n = c.index - start
    // The byte after the stamp is part of the key, so `11:06:40` never matches `11:06:40.5`.
    guard n > 0, n < 32 else { return parsed }
    length = n
    value = parsed
    mask = (Self.mask(n + 1, 0), Self.mask(n + 1, 8), Self.mask(n + 1, 16), Self.mask(n + 1, 24))
    key = (a0 & mask.0, a1 & mask.1, a2 & mask.2, a3 & mask.3)
    return parsed
  }

  /// Ones over the first `count` bytes of the word that starts at byte `offset` (little endian).
  private static func mask(_ count: Int, _ offset: Int) -> UInt64 {
    let bytes = Swift.max(0, Swift.min(8, count - offset))
    return bytes == 8 ? ~0 : (UInt64(1) << UInt64(bytes * 8)) &- 1
  }
}
