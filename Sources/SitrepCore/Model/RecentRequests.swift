/// A bounded list of notable requests (5xx) kept for the drill-down: exactly the newest `capacity`,
/// in a ring, so lists filled from different parts of a log merge into what one list would hold.
public struct RecentRequests: Sendable {
  private var storage: [RequestEvent] = []
  /// Where the oldest item sits once the ring is full.
  private var head = 0
  public let capacity: Int

  public init(capacity: Int) { self.capacity = capacity }

  /// Oldest first.
  public var items: [RequestEvent] {
    head == 0 ? storage : Array(storage[head...] + storage[..<head])
  }

  public mutating func append(_ r: RequestEvent) {
    guard capacity > 0 else { return }
    if storage.count < capacity {
      storage.append(r)
    } else {
      storage[head] = r
      head = (head + 1) % capacity
    }
  }

  /// Merges another list of the same stream, in time order, keeping the newest `capacity`.
  public mutating func absorb(_ other: RecentRequests) {
    guard !other.storage.isEmpty else { return }
    let merged = (items + other.items).enumerated().sorted {
      ($0.element.time, $0.offset) < ($1.element.time, $1.offset)
    }
    storage = merged.suffix(capacity).map(\.element)
    head = 0
  }
}

/// The slowest requests seen recently: a small min-heap-free list, enough for a capacity of a few dozen.
public struct SlowestRequests: Sendable {
  public private(set) var items: [RequestEvent] = []
  public let capacity: Int
  /// Requests older than this relative to the newest are dropped so the list stays current.
  public let horizonSeconds: Double

  public init(capacity: Int, horizonSeconds: Double) {
    self.capacity = capacity
    self.horizonSeconds = horizonSeconds
  }

  /// The smallest duration in a full list: most requests are faster and are turned away by one compare.
  private var floorMs = -Double.infinity
  private var oldest = -Double.infinity

  /// Whether a request this slow at this time could enter the list; most cannot, and the caller
  /// then skips building the full `RequestEvent`.
  @inline(__always)
  public func admits(durationMs d: Double, at time: EpochSeconds) -> Bool {
    !(items.count >= capacity && d <= floorMs && time - oldest < horizonSeconds)
  }

  public mutating func consider(_ r: RequestEvent) {
    guard let d = r.durationMs, admits(durationMs: d, at: r.time) else { return }
    defer {
      floorMs =
        items.count >= capacity ? items.map { $0.durationMs ?? 0 }.min() ?? 0 : -Double.infinity
      oldest = items.map(\.time).min() ?? -Double.infinity
    }
    if items.count >= capacity {
      items.removeAll { $0.time < r.time - horizonSeconds }
    }
    if items.count < capacity {
      items.append(r)
    } else if let minIndex = items.indices.min(by: {
      (items[$0].durationMs ?? 0) < (items[$1].durationMs ?? 0)
    }), (items[minIndex].durationMs ?? 0) < d {
      items[minIndex] = r
    }
  }
}
