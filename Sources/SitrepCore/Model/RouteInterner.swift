import Glibc

/// The route map: numbers each distinct (method, route) a source's requests carry, straight from
/// the line's bytes, and knows each number's position in the service's tracker. The route is
/// derived into a reused buffer and looked up in an open-addressing table, so a request costs no
/// String and no `Hasher` pass. Bounded: past `capacity` keys every new one shares the `(other)`
/// number, as the tracker does past its own route limit. Owned by a `RequestSink`.
final class RouteInterner {
  static let capacity = 4096

  /// Keys in number order.
  private(set) var keys: [ServiceTracker.RouteKey] = []
  /// `method + " " + route` bytes per number, for checking a hash match.
  private var keyBytes: [[UInt8]] = []
  /// Open addressing: slot → number + 1 (0 = empty), with the full hash beside it.
  private var slots: [Int32]
  private var slotHashes: [UInt64]
  private var mask: Int
  private var scratch: [UInt8] = []
  private var overflowID: Int?
  /// Number → position of its route in the tracker; -1 until asked (see `position`).
  private var positions: [Int] = []

  init() {
    slots = Array(repeating: 0, count: 256)
    slotHashes = Array(repeating: 0, count: 256)
    mask = 255
    scratch.reserveCapacity(256)
  }

  /// Recently seen raw `method path` → number, direct-mapped: busy endpoints repeat the very same
  /// path (`/health`, `/api/orders`), and a hit skips deriving the route. A path ending in `/` and
  /// digits (`/api/orders/1842`) is kept without its digits: every number there gives the same
  /// route, so one entry serves them all. Other paths that carried an id are not kept (they rarely
  /// come again and would push out the ones that do), nor keys longer than a slot. Keys live in one
  /// flat block: no array per slot to check and grow.
  private static let memoSlots = 1024
  private static let memoKeyBytes = 120
  /// Set in a stored length when the key stands for "these bytes, then digits".
  private static let digitTailFlag: Int32 = 1 << 30
  private var memoHashes = [UInt64](repeating: 0, count: RouteInterner.memoSlots)
  private var memoIDs = [Int32](repeating: -1, count: RouteInterner.memoSlots)
  private var memoLengths = [Int32](repeating: 0, count: RouteInterner.memoSlots)
  private let memoKeys = UnsafeMutablePointer<UInt8>.allocate(
    capacity: RouteInterner.memoSlots * RouteInterner.memoKeyBytes)

  deinit { memoKeys.deallocate() }

  /// The number for a request line's method and path.
  func id(method: LineBytes, path: LineBytes) -> Int {
    let keyPath = Self.withoutDigitTail(path)
    let digitTail = keyPath.count < path.count
    let raw = Self.hash(keyPath, seed: Self.hash(method, seed: digitTail ? ~Self.seed : Self.seed))
    let slot = Int(truncatingIfNeeded: raw) & (Self.memoSlots - 1)
    let keyLength = method.count + 1 + keyPath.count
    let storedLength = Int32(truncatingIfNeeded: keyLength) | (digitTail ? Self.digitTailFlag : 0)
    let key = memoKeys + slot * Self.memoKeyBytes
    if memoHashes[slot] == raw, memoIDs[slot] >= 0, memoLengths[slot] == storedLength,
      Self.same(key, method), Self.same(key + method.count + 1, keyPath)
    {
      return Int(memoIDs[slot])
    }
    let (n, placeholders) = derivedID(method: method, path: path)
    // Worth keeping: a path with no id, or one whose only id is the number at its end.
    let keep = placeholders == 0 || (digitTail && placeholders == 1)
    if keep, keyLength <= Self.memoKeyBytes, let m = method.baseAddress {
      memoHashes[slot] = raw
      memoIDs[slot] = Int32(n)
      memoLengths[slot] = storedLength
      key.update(from: m, count: method.count)
      key[method.count] = UInt8(ascii: " ")
      if let p = keyPath.baseAddress {
        (key + method.count + 1).update(from: p, count: keyPath.count)
      }
    }
    return n
  }

  /// `path` without the digits that end it, when they follow a `/` (`/api/orders/` for
  /// `/api/orders/1842`); `path` itself otherwise. Whatever those digits are, the route is the
  /// same: an all-digit last segment is `:id`, and no rule looks at it otherwise.
  @inline(__always)
  static func withoutDigitTail(_ path: LineBytes) -> LineBytes {
    var k = path.count
    while k > 0, ByteClass.isDigit(path[k - 1]) { k -= 1 }
    guard k < path.count, k > 0, path[k - 1] == UInt8(ascii: "/") else { return path }
    return LineBytes(rebasing: path[0..<k])
  }

  @inline(__always)
  private static func same(_ stored: UnsafePointer<UInt8>, _ bytes: LineBytes) -> Bool {
    guard let b = bytes.baseAddress, bytes.count > 0 else { return true }
    // Methods and most paths are short: a loop beats the call into memcmp.
    guard bytes.count <= 24 else { return memcmp(stored, b, bytes.count) == 0 }
    for i in 0..<bytes.count where stored[i] != b[i] { return false }
    return true
  }

  /// The route's number, and how many placeholders its derivation put in.
  private func derivedID(method: LineBytes, path: LineBytes) -> (Int, Int) {
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: method)
    scratch.append(UInt8(ascii: " "))
    let methodEnd = scratch.count
    let placeholders = RouteTemplate.derive(bytes: path, into: &scratch)
    return (lookup(methodEnd: methodEnd), placeholders)
  }

  /// The number for a route the application named itself (`/api/orders/{order_id}` in a JSON
  /// request record): kept as written, not derived again.
  func id(method: LineBytes, route: LineBytes) -> Int {
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: method)
    scratch.append(UInt8(ascii: " "))
    let methodEnd = scratch.count
    scratch.append(contentsOf: route)
    return lookup(methodEnd: methodEnd)
  }

  /// The tracker position of number `n`, asking `resolve` the first time (or after `forgetPositions`).
  @inline(__always)
  func position(_ n: Int, resolve: (ServiceTracker.RouteKey) -> Int) -> Int {
    if n < positions.count, positions[n] >= 0 { return positions[n] }
    if n >= positions.count {
      positions.append(contentsOf: repeatElement(-1, count: n + 1 - positions.count))
    }
    positions[n] = resolve(keys[n])
    return positions[n]
  }

  /// The tracker was replaced (`r` resets the counters): positions are asked for again.
  func forgetPositions() { positions.removeAll(keepingCapacity: true) }

  /// Number `n`'s method and route; nil for the shared `(other)` number, which names no route.
  func namedKey(_ n: Int) -> ServiceTracker.RouteKey? {
    let key = keys[n]
    return key.route == ServiceTracker.otherRoute ? nil : key
  }

  /// The number for a request line sitrep could not read: method and route `-`.
  func unparsedID() -> Int {
    scratch.removeAll(keepingCapacity: true)
    scratch.append(contentsOf: "- -".utf8)
    return lookup(methodEnd: 2)
  }

  private func lookup(methodEnd: Int) -> Int {
    let hash = Self.hash(scratch)
    var i = Int(truncatingIfNeeded: hash) & mask
    while slots[i] != 0 {
      let n = Int(slots[i]) - 1
      if slotHashes[i] == hash, keyBytes[n] == scratch { return n }
      i = (i + 1) & mask
    }
    if keys.count >= Self.capacity { return overflow() }
    let (method, route) = scratch.withUnsafeBufferPointer {
      (ByteClass.string($0, 0..<(methodEnd - 1)), ByteClass.string($0, methodEnd..<$0.count))
    }
    let n = append(ServiceTracker.RouteKey(method: method, route: route), bytes: scratch)
    slots[i] = Int32(n + 1)
    slotHashes[i] = hash
    if keys.count * 2 > slots.count { grow() }
    return n
  }

  private func append(_ key: ServiceTracker.RouteKey, bytes: [UInt8]) -> Int {
    keys.append(key)
    keyBytes.append(bytes)
    return keys.count - 1
  }

  private func overflow() -> Int {
    if let overflowID { return overflowID }
    let n = append(ServiceTracker.RouteKey(method: "", route: ServiceTracker.otherRoute), bytes: [])
    overflowID = n
    return n
  }

  private func grow() {
    let size = slots.count * 2
    var newSlots = [Int32](repeating: 0, count: size)
    var newHashes = [UInt64](repeating: 0, count: size)
    let newMask = size - 1
    for (i, slot) in slots.enumerated() where slot != 0 {
      var j = Int(truncatingIfNeeded: slotHashes[i]) & newMask
      while newSlots[j] != 0 { j = (j + 1) & newMask }
      newSlots[j] = slot
      newHashes[j] = slotHashes[i]
    }
    slots = newSlots
    slotHashes = newHashes
    mask = newMask
  }

  /// A word-at-a-time multiply-xorshift hash: keys are a few dozen bytes, and the tables check the
  /// bytes on a match, so the hash only has to spread well and be quick.
  static let seed: UInt64 = 0xcbf2_9ce4_8422_2325

  @inline(__always)
  static func hash(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBufferPointer { hash($0, seed: seed) }
  }

  @inline(__always)
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>, seed: UInt64) -> UInt64 {
    let k: UInt64 = 0x9E37_79B9_7F4A_7C15
    var h = (seed ^ UInt64(bytes.count)) &* k
    guard let base = bytes.baseAddress else { return h }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i + 8 <= bytes.count {
      h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
      h ^= h >> 29
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < bytes.count {
      tail |= UInt64(base[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* k
    return h ^ (h >> 32)
  }
}
