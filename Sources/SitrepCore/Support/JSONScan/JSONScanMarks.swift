/// Where a `JSONKeyScanner` found each wanted key's value, and on which scan (a mark from an
/// older scan means "not on this line", so nothing is cleared between lines), with which keys are
/// heads looked into one level.
///
/// Raw memory rather than arrays: the scanner writes a mark a few times a line, and each array
/// write paid a bounds check and a uniqueness check. A scanner copies its marks before writing when
/// they are shared (`isKnownUniquelyReferenced`), so copies of one scanner never write each
/// other's: each decoder and each lane of a parallel read scans into its own.
final class JSONScanMarks: @unchecked Sendable {
  let count: Int
  let found: UnsafeMutablePointer<JSONSpan>
  let foundIn: UnsafeMutablePointer<UInt32>
  let heads: UnsafeMutablePointer<Bool>
  /// Per slot, the group it belongs to and its rank there, lower preferred (`JSONKeyGroup`),
  /// packed in one half-word: (group + 1) << 8 | rank, 0 for none.
  let groupRank: UnsafeMutablePointer<UInt16>
  /// Per group, the best-ranked member found not null, packed in one word so the scan reads and
  /// writes it once: the scan's generation << 32 | rank << 24 | slot.
  let best: UnsafeMutablePointer<UInt64>
  /// Groups a scanner may hold.
  static let maxGroups = 16
  /// The last scan's members whose keys are not wanted, in line order, when the scanner keeps
  /// them (`JSONKeyScanner.keepsOthers`): raw, as a scan may add a few a line.
  private(set) var others: UnsafeMutablePointer<JSONKeyScanner.Other>
  private var otherCapacity = 8
  var otherCount = 0
  /// Whether the last scan met a wanted key a second time (the marks hold its first value only).
  var repeated = false
  /// Scratch for the line's bits (`JSONLineBits`): words for lines of up to 64 times this many
  /// bytes, grown for a longer one.
  private var bitsCapacity = 16
  private var quoteBits: UnsafeMutablePointer<UInt64>
  private var escapeBits: UnsafeMutablePointer<UInt64>

  init(count: Int) {
    self.count = count
    found = .allocate(capacity: max(1, count))
    found.initialize(repeating: JSONSpan(kind: .null, range: 0..<0), count: count)
    foundIn = .allocate(capacity: max(1, count))
    foundIn.initialize(repeating: 0, count: count)
    heads = .allocate(capacity: max(1, count))
    heads.initialize(repeating: false, count: count)
    groupRank = .allocate(capacity: max(1, count))
    groupRank.initialize(repeating: 0, count: count)
    best = .allocate(capacity: Self.maxGroups)
    best.initialize(repeating: 0, count: Self.maxGroups)
    quoteBits = .allocate(capacity: bitsCapacity + 1)
    escapeBits = .allocate(capacity: bitsCapacity)
    others = .allocate(capacity: otherCapacity)
  }

  @inline(__always)
  func appendOther(_ other: JSONKeyScanner.Other) {
    if otherCount == otherCapacity { growOthers() }
    (others + otherCount).initialize(to: other)
    otherCount &+= 1
  }

  private func growOthers() {
    let more = UnsafeMutablePointer<JSONKeyScanner.Other>.allocate(capacity: otherCapacity * 2)
    more.moveInitialize(from: others, count: otherCount)
    others.deallocate()
    others = more
    otherCapacity *= 2
  }

  /// The bits of `line`, in this scanner's scratch (valid until the next line).
  @inline(__always)
  func bits(of line: LineBytes) -> JSONLineBits {
    let blocks = (line.count &+ 63) &>> 6
    if blocks > bitsCapacity {
      quoteBits.deallocate()
      escapeBits.deallocate()
      bitsCapacity = max(blocks, bitsCapacity * 2)
      quoteBits = .allocate(capacity: bitsCapacity + 1)
      escapeBits = .allocate(capacity: bitsCapacity)
    }
    return JSONLineBits(line, quotes: quoteBits, escapes: escapeBits)
  }

  /// A copy to write apart from this one (its bit scratch is its own, with nothing in it).
  func copy() -> JSONScanMarks {
    let other = JSONScanMarks(count: count)
    other.found.update(from: found, count: count)
    other.foundIn.update(from: foundIn, count: count)
    other.heads.update(from: heads, count: count)
    other.groupRank.update(from: groupRank, count: count)
    other.best.update(from: best, count: Self.maxGroups)
    return other
  }

  deinit {
    found.deinitialize(count: count)
    found.deallocate()
    foundIn.deallocate()
    heads.deallocate()
    groupRank.deallocate()
    best.deallocate()
    quoteBits.deallocate()
    escapeBits.deallocate()
    others.deallocate()
  }
}
