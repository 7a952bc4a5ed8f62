/// A bounded list of notable requests (5xx) kept for the drill-down: exactly the newest
/// `capacity` by time (the later arrival first among equal times), so a list filled line by line
/// and lists filled from different parts of a log and merged hold the same requests, whatever
/// order the lines came in.
public struct RecentRequests: Sendable {
  /// Oldest first.
  private var storage: [Request] = []
  public let capacity: Int

  public init(capacity: Int) { self.capacity = capacity }

  /// Oldest first.
  public var items: [Request] { storage }

  public mutating func append(_ r: Request) {
    guard capacity > 0 else { return }
    if storage.count == capacity {
      // Older than everything kept: not among the newest.
      guard r.time >= storage[0].time else { return }
      storage.removeFirst()
    }
    // Lines mostly come in time order: the place is found from the end.
    var i = storage.count
    while i > 0, storage[i - 1].time > r.time { i -= 1 }
    storage.insert(r, at: i)
  }

  /// Merges another list of the same stream, in time order, keeping the newest `capacity`.
  public mutating func absorb(_ other: RecentRequests) {
    guard !other.storage.isEmpty else { return }
    let merged = (items + other.items).enumerated().sorted {
      ($0.element.time, $0.offset) < ($1.element.time, $1.offset)
    }
    storage = merged.suffix(capacity).map(\.element)
  }
}

/// The slowest requests of the last hour or so: the `capacity` slowest of each ten-minute slot, for
/// the slots within `horizonSeconds` of the newest. Defined per slot so that it does not depend on
/// the order requests arrive in: two lists filled from different parts of a log merge into exactly
/// the list one pass would have made (top-k of a union is top-k of the top-k's).
public struct SlowestRequests: Sendable {
  public static let slotSeconds = 600.0
  public let capacity: Int
  public let horizonSeconds: Double

  private struct Slot: Sendable {
    var index: Int64
    var items: [Request] = []
    /// The smallest kept duration once full: most requests are faster and stop at one compare.
    var floorMs = -Double.infinity
  }

  /// Oldest first; at most `horizonSeconds / slotSeconds + 1` of them.
  private var slots: [Slot] = []
  /// The newest slot's index and floor, copied out of `slots` for `admits`, which runs for every
  /// request: reading them through `slots.last` copied the slot, its array and its events.
  private var newestIndex: Int64?
  private var newestFloorMs = -Double.infinity
  /// Times surely inside the newest slot (its start, and a second before its end, clear of any
  /// rounding in `slotIndex`), so most checks skip the division.
  private var newestSurelyFrom = Double.infinity
  private var newestSurelyTo = -Double.infinity

  public init(capacity: Int, horizonSeconds: Double) {
    self.capacity = capacity
    self.horizonSeconds = horizonSeconds
  }

  /// Every kept request, oldest slot first.
  public var items: [Request] { slots.flatMap(\.items) }

  private var slotsKept: Int64 {
    Int64(saturating: (horizonSeconds / Self.slotSeconds).rounded(.up)) + 1
  }

  private static func slotIndex(_ time: EpochSeconds) -> Int64? {
    guard time.isFinite, abs(time) < 1e12 else { return nil }
    return Int64(saturating: (time / slotSeconds).rounded(.down))
  }

  /// Whether a request this slow at this time could enter the list; most cannot, and the caller
  /// then skips building the full `Request`.
  @inline(__always)
  public func admits(durationMs d: Double, at time: EpochSeconds) -> Bool {
    if time >= newestSurelyFrom && time < newestSurelyTo { return d >= newestFloorMs }
    guard let newest = newestIndex, let s = Self.slotIndex(time) else { return true }
    if s == newest { return d >= newestFloorMs }
    return true
  }

  public mutating func consider(_ r: Request) {
    guard r.durationMs != nil, let s = Self.slotIndex(r.time) else { return }
    if let newest = slots.last?.index, s <= newest - slotsKept { return }  // too old to keep
    var position = slots.lastIndex { $0.index <= s }
    if position == nil || slots[position!].index != s {
      let at = position.map { $0 + 1 } ?? 0
      slots.insert(Slot(index: s), at: at)
      position = at
      let newest = slots.last!.index
      let stale = slots.prefix { $0.index <= newest - slotsKept }.count
      if stale > 0 {
        slots.removeFirst(stale)
        position! -= stale
      }
    }
    Self.add(r, to: &slots[position!], capacity: capacity)
    newestIndex = slots.last?.index
    newestFloorMs = slots.last?.floorMs ?? -Double.infinity
    if let newest = newestIndex {
      newestSurelyFrom = Double(newest) * Self.slotSeconds
      newestSurelyTo = Double(newest + 1) * Self.slotSeconds - 1
    }
  }

  /// Keeps `r` if the slot has room or `r` ranks above its least; a strict order, so the result
  /// does not depend on arrival order.
  private static func add(_ r: Request, to slot: inout Slot, capacity: Int) {
    if slot.items.count < capacity {
      slot.items.append(r)
    } else if let least = slot.items.indices.min(by: { ranksBelow(slot.items[$0], slot.items[$1]) }
    ),
      ranksBelow(slot.items[least], r)
    {
      slot.items[least] = r
    } else {
      return
    }
    slot.floorMs =
      slot.items.count >= capacity
      ? slot.items.map { $0.durationMs ?? 0 }.min() ?? 0 : -Double.infinity
  }

  /// Slower ranks higher; then newer; then the rest of the request, so equal ones tie only when
  /// they are the same request.
  static func ranksBelow(_ a: Request, _ b: Request) -> Bool {
    let (da, db) = (a.durationMs ?? 0, b.durationMs ?? 0)
    if da != db { return da < db }
    if a.time != b.time { return a.time < b.time }
    if a.path != b.path { return a.path > b.path }
    if a.method != b.method { return a.method > b.method }
    if a.status != b.status { return a.status > b.status }
    return a.client > b.client
  }
}
