/// A bounded list of notable requests (5xx, slowest) kept for the drill-down.
public struct RecentRequests: Sendable {
  public private(set) var items: [RequestEvent] = []
  public let capacity: Int

  public init(capacity: Int) { self.capacity = capacity }

  public mutating func append(_ r: RequestEvent) {
    if items.count == capacity { items.removeFirst(items.count / 4) }
    items.append(r)
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

  public mutating func consider(_ r: RequestEvent) {
    guard let d = r.durationMs else { return }
    if items.count >= capacity, d <= floorMs, r.time - oldest < horizonSeconds { return }
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
