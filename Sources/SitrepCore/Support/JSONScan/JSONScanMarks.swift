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

  init(count: Int) {
    self.count = count
    found = .allocate(capacity: max(1, count))
    found.initialize(repeating: JSONSpan(kind: .null, range: 0..<0), count: count)
    foundIn = .allocate(capacity: max(1, count))
    foundIn.initialize(repeating: 0, count: count)
    heads = .allocate(capacity: max(1, count))
    heads.initialize(repeating: false, count: count)
  }

  /// A copy to write apart from this one.
  func copy() -> JSONScanMarks {
    let other = JSONScanMarks(count: count)
    other.found.update(from: found, count: count)
    other.foundIn.update(from: foundIn, count: count)
    other.heads.update(from: heads, count: count)
    return other
  }

  deinit {
    found.deinitialize(count: count)
    found.deallocate()
    foundIn.deallocate()
    heads.deallocate()
  }
}
