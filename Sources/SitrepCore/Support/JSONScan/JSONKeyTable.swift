/// The fixed set of keys a JSON reader wants, looked up straight from the line's bytes.
///
/// A log line has a dozen keys and a reader wants a handful of spellings: the key's length and
/// first byte rule out almost every candidate before any comparison, so no String or hash is
/// built per key. The keys are kept in one flat buffer, so a lookup touches no nested array (a
/// retain and a release per array per key looked up, measured).
public struct JSONKeyTable: Sendable {
  /// The wanted keys, in the order given; a key's slot is its index here.
  public let keys: [[UInt8]]
  /// Every key's bytes, one after another, in slot order.
  private let bytes: [UInt8]
  /// Where each slot's key starts in `bytes`.
  private let starts: [Int]
  /// The slots by length: those of length `n` are `byLength[firstOfLength[n]..<firstOfLength[n + 1]]`.
  private let byLength: [Int]
  private let firstOfLength: [Int]
  /// Bit `b % 64` of word `n * 4 + b / 64` is set when a wanted key of length `n` starts with
  /// byte `b`: most keys of a line are not wanted (`order_id`, `request_id`), and comparing each
  /// against every wanted key of its length was the scanner's hottest loop (measured).
  private let firstBytes: [UInt64]

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
    self.starts = starts
    let longest = unique.map(\.count).max() ?? 0
    var byLength: [Int] = []
    var firstOfLength: [Int] = []
    for n in 0...(longest + 1) {
      firstOfLength.append(byLength.count)
      byLength += unique.indices.filter { unique[$0].count == n }
    }
    self.byLength = byLength
    self.firstOfLength = firstOfLength
    var firstBytes = [UInt64](repeating: 0, count: (longest + 2) * 4)
    for key in unique where !key.isEmpty {
      firstBytes[key.count * 4 + Int(key[0] >> 6)] |= 1 << UInt64(key[0] & 63)
    }
    self.firstBytes = firstBytes
  }

  public var count: Int { keys.count }

  /// The slot of `key`, or `nil` when it is not wanted.
  public func slot(_ key: String) -> Int? { keys.firstIndex(of: Array(key.utf8)) }

  /// The slot of the key held in `bytes[range]` (raw, no escapes), or `nil`.
  @inline(__always)
  func slot(_ line: LineBytes, _ range: Range<Int>) -> Int? {
    let n = range.count
    guard n > 0, n + 1 < firstOfLength.count, let base = line.baseAddress else { return nil }
    let key = base + range.lowerBound
    let first = key[0]
    guard firstBytes[n &* 4 &+ Int(first &>> 6)] & (1 &<< UInt64(first & 63)) != 0 else {
      return nil
    }
    return bytes.withUnsafeBufferPointer { flat -> Int? in
      for k in firstOfLength[n]..<firstOfLength[n + 1] {
        let slot = byLength[k]
        let candidate = flat.baseAddress! + starts[slot]
        guard candidate[0] == key[0] else { continue }
        // Keys are a few bytes: a plain loop beats a call out.
        var same = true
        for i in 1..<n where candidate[i] != key[i] {
          same = false
          break
        }
        if same { return slot }
      }
      return nil
    }
  }
}
