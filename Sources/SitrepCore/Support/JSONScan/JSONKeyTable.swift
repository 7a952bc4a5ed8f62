/// The fixed set of keys a JSON reader wants, looked up straight from the line's bytes.
///
/// A log line has a dozen keys and a reader wants a handful of spellings: a hash of four of the
/// key's bytes finds its one candidate (or none), so no String or `Hasher` pass is built per key. The keys are kept in one flat buffer, so a lookup touches no nested array (a
/// retain and a release per array per key looked up, measured).
public struct JSONKeyTable: Sendable {
  /// The wanted keys, in the order given; a key's slot is its index here.
  public let keys: [[UInt8]]
  /// Every key's bytes, one after another, in slot order.
  private let bytes: [UInt8]
  /// Where each slot's key starts in `bytes`.
  private let starts: [Int]
  /// The longest key's length: longer keys are not looked up.
  private let longest: Int
  /// Open addressing over a cheap hash of a key's length and first, middle and last bytes: slot
  /// + 1 per entry, 0 empty. Keys of one length often share a first byte (`level`, `lvl`... and
  /// the request keys), and walking the candidates of a length was the scanner's hottest loop.
  private let buckets: [Int32]
  private static let bucketBits = 9

  @inline(__always)
  private static func bucket(_ key: UnsafePointer<UInt8>, _ n: Int) -> Int {
    let mix =
      UInt32(truncatingIfNeeded: n) &<< 24 | UInt32(key[0]) &<< 16 | UInt32(key[n &>> 1]) &<< 8
      | UInt32(key[n &- 1])
    return Int(truncatingIfNeeded: (mix &* 0x9E37_79B1) &>> UInt32(32 - bucketBits))
  }

  public init(_ keys: [String]) {
    var unique: [[UInt8]] = []
    for key in keys where !unique.contains(Array(key.utf8)) { unique.append(Array(key.utf8)) }
    self.keys = unique
    bytes = unique.flatMap { $0 }
    var starts: [Int] = []
    var at = 0
    for key in unique {
      starts.append(at)
      at += key.count
    }
    // One past the last, so a slot's length is the next start less its own.
    self.starts = starts + [at]
    let longest = unique.map(\.count).max() ?? 0
    self.longest = longest
    var buckets = [Int32](repeating: 0, count: 1 << Self.bucketBits)
    for (slot, key) in unique.enumerated() where !key.isEmpty {
      var b = key.withUnsafeBufferPointer { Self.bucket($0.baseAddress!, key.count) }
      while buckets[b] != 0 { b = (b + 1) & (buckets.count - 1) }
      buckets[b] = Int32(slot + 1)
    }
    self.buckets = buckets
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
    let n = range.count
    guard n > 0, n <= longest, let base = line.baseAddress else { return nil }
    let key = base + range.lowerBound
    return buckets.withUnsafeBufferPointer { table -> Int? in
      bytes.withUnsafeBufferPointer { flat -> Int? in
        var b = Self.bucket(key, n)
        while true {
          let entry = Int(table[b])
          if entry == 0 { return nil }
          let slot = entry - 1
          let start = starts[slot]
          if starts[slot + 1] - start == n,
            Self.same(flat.baseAddress! + start, key, n)
          {
            return slot
          }
          b = (b + 1) & (table.count - 1)
        }
      }
    }
  }
}

extension JSONKeyTable {
  /// `slot(_:_:)` as a plain number, -1 when the key is not wanted: the scanner's hot loop keeps
  /// no optional.
  @inline(__always)
  func slotIndex(_ line: LineBytes, _ range: Range<Int>) -> Int {
    slot(line, range) ?? -1
  }
}
