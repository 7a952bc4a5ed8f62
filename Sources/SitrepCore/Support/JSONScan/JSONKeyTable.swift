/// The fixed set of keys a JSON reader wants, looked up straight from the line's bytes.
///
/// A log line has a dozen keys and a reader wants a handful of spellings: the key's length and
/// first byte rule out almost every candidate before any comparison, so no String or hash is
/// built per key.
public struct JSONKeyTable: Sendable {
  /// The wanted keys, in the order given; a key's slot is its index here.
  public let keys: [[UInt8]]
  /// For each length, the slots of the keys of that length.
  private let byLength: [[Int]]

  public init(_ keys: [String]) {
    var unique: [[UInt8]] = []
    for key in keys where !unique.contains(Array(key.utf8)) { unique.append(Array(key.utf8)) }
    self.keys = unique
    let longest = unique.map(\.count).max() ?? 0
    var byLength = [[Int]](repeating: [], count: longest + 1)
    for (slot, key) in unique.enumerated() { byLength[key.count].append(slot) }
    self.byLength = byLength
  }

  public var count: Int { keys.count }

  /// The slot of `key`, or `nil` when it is not wanted.
  public func slot(_ key: String) -> Int? { keys.firstIndex(of: Array(key.utf8)) }

  /// The slot of the key held in `bytes[range]` (raw, no escapes), or `nil`.
  @inline(__always)
  func slot(_ bytes: LineBytes, _ range: Range<Int>) -> Int? {
    let n = range.count
    guard n > 0, n < byLength.count, let base = bytes.baseAddress else { return nil }
    let first = base[range.lowerBound]
    for slot in byLength[n] {
      let candidate = keys[slot]
      guard candidate[0] == first else { continue }
      var same = true
      // Keys are a few bytes: a plain loop beats a call out.
      for k in 1..<n where candidate[k] != base[range.lowerBound + k] {
        same = false
        break
      }
      if same { return slot }
    }
    return nil
  }
}
