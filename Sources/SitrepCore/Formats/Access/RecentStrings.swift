/// Strings recently made from line bytes, direct-mapped by a hash of the bytes: a user agent
/// repeats from request to request, and a kept request then costs no new String for it.
/// A miss makes the string with `make` (which may unescape) and remembers it under the raw bytes.
struct RecentStrings {
  private static let slots = 64
  private var keys = [[UInt8]](repeating: [], count: RecentStrings.slots)
  private var values = [String?](repeating: nil, count: RecentStrings.slots)

  mutating func string(_ line: LineBytes, _ range: Range<Int>, make: () -> String) -> String {
    let bytes = LineBytes(rebasing: line[range])
    let slot =
      Int(truncatingIfNeeded: RouteInterner.hash(bytes, seed: RouteInterner.seed))
      & (Self.slots - 1)
    if let value = values[slot], ByteClass.same(keys[slot], bytes) { return value }
    let value = make()
    keys[slot] = Array(bytes)
    values[slot] = value
    return value
  }
}
