/// Finds the first of a few bytes eight at a time (the "has zero byte" word trick), for the scans
/// that run on every log line: a byte loop with four compares was a tenth of a report's time.
enum ByteScan {
  private static let ones: UInt64 = 0x0101_0101_0101_0101
  private static let highs: UInt64 = 0x8080_8080_8080_8080

  /// High bit set in each byte of `word` equal to the byte repeated in `pattern`. Only the lowest
  /// set bit is exact (borrows can mark bytes above a match), which is the one `first` reads.
  @inline(__always)
  private static func matches(_ word: UInt64, _ pattern: UInt64) -> UInt64 {
    let x = word ^ pattern
    return (x &- ones) & ~x & highs
  }

  /// The index of the first byte in `start..<end` equal to `a`, `b`, `c` or `d`; `end` when none.
  @inline(__always)
  static func first(
    _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8, in bytes: LineBytes, from start: Int,
    to end: Int
  ) -> Int {
    guard let base = bytes.baseAddress, start < end else { return end }
    let pa = ones &* UInt64(a)
    let pb = ones &* UInt64(b)
    let pc = ones &* UInt64(c)
    let pd = ones &* UInt64(d)
    var i = start
    while i + 8 <= end {
      // Little-endian load: the lowest set bit belongs to the earliest byte.
      let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      let m = matches(w, pa) | matches(w, pb) | matches(w, pc) | matches(w, pd)
      if m != 0 { return i + m.trailingZeroBitCount >> 3 }
      i += 8
    }
    while i < end {
      let x = base[i]
      if x == a || x == b || x == c || x == d { return i }
      i += 1
    }
    return end
  }

  /// `first` for two bytes (a JSON string's end: a quote or a backslash): half the work a word.
  @inline(__always)
  static func first(
    _ a: UInt8, _ b: UInt8, in bytes: LineBytes, from start: Int, to end: Int
  ) -> Int {
    guard let base = bytes.baseAddress, start < end else { return end }
    let pa = ones &* UInt64(a)
    let pb = ones &* UInt64(b)
    var i = start
    // Wrapping steps: `i` never nears overflow, and the checks were a tenth of the loop.
    while i &+ 8 <= end {
      let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
      let m = matches(w, pa) | matches(w, pb)
      if m != 0 { return i &+ m.trailingZeroBitCount &>> 3 }
      i &+= 8
    }
    while i < end {
      let x = base[i]
      if x == a || x == b { return i }
      i += 1
    }
    return end
  }
}
