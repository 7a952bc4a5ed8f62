/// The fixed set of keys a JSON reader wants, looked up straight from the line's bytes.
///
/// A log line has a dozen keys and a reader wants a handful of spellings. A key's first eight
/// bytes, read as one word, pick its bucket and settle most lookups in one compare (every key a
/// log reader wants but `customer_id`-like ones fits in a word or two), so no String or `Hasher`
/// pass is built per key. The buckets are one raw block, written once: the lookup pays no array
/// bounds or uniqueness checks (they were a third of its instructions, measured).
public struct JSONKeyTable: Sendable {
  /// The wanted keys, in the order given; a key's slot is its index here.
  public let keys: [[UInt8]]
  private let buckets: Buckets

  /// One bucket: the key's first eight bytes (zero past its end), its length, slot + 1 (0 for
  /// an empty bucket) and where the rest of a longer key is kept.
  struct Bucket {
    var prefix: UInt64 = 0
    var length: Int32 = 0
    var slotPlusOne: Int32 = 0
    var rest: UnsafePointer<UInt8>?
  }

  /// The buckets and the bytes of keys longer than a word, allocated once and never written
  /// after `init`, so copies of a table share them across threads.
  final class Buckets: @unchecked Sendable {
    static let bits = 8
    let entries: UnsafeMutablePointer<Bucket>
    private let restBytes: UnsafeMutablePointer<UInt8>

    init(_ keys: [[UInt8]]) {
      let size = 1 << Self.bits
      // Open addressing needs empty buckets to end a probe; readers want a few dozen keys.
      precondition(keys.count <= size / 2, "a JSON key table holds at most \(size / 2) keys")
      entries = .allocate(capacity: size)
      entries.initialize(repeating: Bucket(), count: size)
      let restCount = keys.reduce(0) { $0 + max(0, $1.count - 8) }
      restBytes = .allocate(capacity: max(1, restCount))
      var at = 0
      for (slot, key) in keys.enumerated() where !key.isEmpty {
        var prefix: UInt64 = 0
        for (k, byte) in key.prefix(8).enumerated() { prefix |= UInt64(byte) << (8 * UInt64(k)) }
        var rest: UnsafePointer<UInt8>?
        if key.count > 8 {
          for byte in key.dropFirst(8) {
            restBytes[at] = byte
            at += 1
          }
          rest = UnsafePointer(restBytes + at - (key.count - 8))
        }
        var b = Self.bucket(prefix, key.count)
        while entries[b].slotPlusOne != 0 { b = (b + 1) & (size - 1) }
        entries[b] = Bucket(
          prefix: prefix, length: Int32(key.count), slotPlusOne: Int32(slot + 1), rest: rest)
      }
    }

    deinit {
      entries.deallocate()
      restBytes.deallocate()
    }

    @inline(__always)
    static func bucket(_ prefix: UInt64, _ length: Int) -> Int {
      let mixed = (prefix ^ UInt64(truncatingIfNeeded: length) &<< 58) &* 0x9E37_79B9_7F4A_7C15
      return Int(truncatingIfNeeded: mixed &>> UInt64(64 - bits))
    }
  }

  public init(_ keys: [String]) {
    var unique: [[UInt8]] = []
    for key in keys where !unique.contains(Array(key.utf8)) { unique.append(Array(key.utf8)) }
    self.keys = unique
    buckets = Buckets(unique)
  }

  public var count: Int { keys.count }

  /// Whether `n` bytes at `a` and `b` are equal, a word at a time: the last load overlaps the one
  /// before it, so reading never leaves either key. A byte loop here was an eighth
  /// of the scanner's instructions (measured).
  @inline(__always)
  static func same(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let ra = UnsafeRawPointer(a)
    let rb = UnsafeRawPointer(b)
    if n >= 8 {
      var i = 0
      while i &+ 8 < n {
        guard
          ra.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            == rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        else { return false }
        i &+= 8
      }
      return ra.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        == rb.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
    }
    if n >= 4 {
      return ra.loadUnaligned(as: UInt32.self) == rb.loadUnaligned(as: UInt32.self)
        && ra.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
          == rb.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
    }
    for i in 0..<n where a[i] != b[i] { return false }
    return true
  }

  /// The slot of `key`, or `nil` when it is not wanted.
  public func slot(_ key: String) -> Int? { keys.firstIndex(of: Array(key.utf8)) }

  /// The slot of the key held in `bytes[range]` (raw, no escapes), or `nil`.
  @inline(__always)
  func slot(_ line: LineBytes, _ range: Range<Int>) -> Int? {
    let i = slotIndex(line, range)
    return i >= 0 ? i : nil
  }

  /// `slot(_:_:)` as a plain number, -1 when the key is not wanted: the scanner's hot loop keeps
  /// no optional.
  @inline(__always)
  func slotIndex(_ line: LineBytes, _ range: Range<Int>) -> Int {
    let n = range.upperBound &- range.lowerBound
    let buckets = self.buckets
    guard n > 0, let base = line.baseAddress else { return -1 }
    let key = base + range.lowerBound
    // The key's first eight bytes as a word: one load when eight bytes of the line are left
    // (there always are after a key: `": ` and a value), else byte by byte.
    var prefix: UInt64
    if range.lowerBound &+ 8 <= line.count {
      prefix = UnsafeRawPointer(key).loadUnaligned(as: UInt64.self)
      if n < 8 { prefix &= ~(~0 &<< UInt64(truncatingIfNeeded: n &* 8)) }
    } else {
      prefix = 0
      for k in 0..<min(n, 8) { prefix |= UInt64(key[k]) &<< UInt64(truncatingIfNeeded: k &* 8) }
    }
    var b = Buckets.bucket(prefix, n)
    let mask = (1 << Buckets.bits) &- 1
    while true {
      let entry = buckets.entries[b]
      if entry.slotPlusOne == 0 { return -1 }
      if entry.prefix == prefix, Int(entry.length) == n {
        if n <= 8 { return Int(entry.slotPlusOne) &- 1 }
        if let rest = entry.rest, Self.same(rest, key + 8, n &- 8) {
          return Int(entry.slotPlusOne) &- 1
        }
      }
      b = (b &+ 1) & mask
    }
  }
}
