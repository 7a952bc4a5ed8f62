/// Everything sitrep knows about one service's requests: rolling buckets for the service and each
/// route, recent failures and slow requests, and health-check results.
public struct ServiceTracker: Sendable {
  /// Service-level slots are 10 s so deploy deltas can start close to the deploy; an hour and a
  /// quarter is kept so the 1h window has a baseline before it. Routes use 1-minute slots.
  static let serviceSlotSeconds = 10.0
  static let serviceSlots = 450
  static let routeSlotSeconds = 60.0
  static let routeSlots = 62
  /// Beyond this many routes new ones are counted under `other`, bounding memory on path explosions.
  public static let maxRoutes = 60
  public static let otherRoute = "(other)"

  public let name: String
  public var thresholds: ServiceThresholds
  public private(set) var ring: BucketRing<RequestBucket>
  public private(set) var routes: [RouteKey: BucketRing<RequestBucket>] = [:]
  public private(set) var totalRequests = 0
  public private(set) var firstRequestAt: EpochSeconds?
  public private(set) var lastRequestAt: EpochSeconds?
  public private(set) var lastErrorAt: EpochSeconds?
  public private(set) var lastErrorStatus: Int?
  public private(set) var recentErrors = RecentRequests(capacity: 200)
  public private(set) var slowest = SlowestRequests(capacity: 30, horizonSeconds: 3600)
  /// Status codes of the most recent health-check requests, newest last.
  public private(set) var recentHealth: [Int] = []

  public init(name: String, thresholds: ServiceThresholds = ServiceThresholds()) {
    self.name = name
    self.thresholds = thresholds
    ring = BucketRing(
      slotSeconds: Self.serviceSlotSeconds, slotCount: Self.serviceSlots, make: { RequestBucket() })
  }

  public mutating func record(_ r: RequestEvent) {
    totalRequests += 1
    if firstRequestAt == nil || r.time < firstRequestAt! { firstRequestAt = r.time }
    if lastRequestAt == nil || r.time > lastRequestAt! { lastRequestAt = r.time }
    ring.update(at: r.time) { $0.record(status: r.status, durationMs: r.durationMs) }
    let key = routeKey(r)
    routes[key, default: Self.makeRouteRing()].update(at: r.time) {
      $0.record(status: r.status, durationMs: r.durationMs)
    }
    if r.status >= 500 {
      recentErrors.append(r)
      if lastErrorAt == nil || r.time >= lastErrorAt! {
        lastErrorAt = r.time
        lastErrorStatus = r.status
      }
    }
    slowest.consider(r)
    if let health = thresholds.healthPath, r.path == health {
      recentHealth.append(r.status)
      if recentHealth.count > 10 { recentHealth.removeFirst() }
    }
  }

  /// Method and route, hashed as they are: no string is built per request.
  public struct RouteKey: Hashable, Sendable {
    public var method: String
    public var route: String
    public var label: String { method.isEmpty ? route : "\(method) \(route)" }
  }

  private func routeKey(_ r: RequestEvent) -> RouteKey {
    let key = RouteKey(method: r.method, route: r.route)
    if routes.index(forKey: key) != nil || routes.count < Self.maxRoutes { return key }
    return RouteKey(method: "", route: Self.otherRoute)
  }

  static func makeRouteRing() -> BucketRing<RequestBucket> {
    BucketRing(slotSeconds: routeSlotSeconds, slotCount: routeSlots, make: { RequestBucket() })
  }

  /// Stats over exact bounds (slots straddling an edge are left out): for deploy deltas.
  public func stats(from: EpochSeconds, to: EpochSeconds) -> RequestStats {
    Self.sum(ring, from: from, to: to, includeCurrent: false)
  }

  /// Stats for the window ending now, including the slot still filling.
  public func stats(window: Double, now: EpochSeconds) -> RequestStats {
    Self.sum(ring, from: now - window, to: now, includeCurrent: true)
  }

  public func routeStats(window: Double, now: EpochSeconds) -> [(
    route: String, stats: RequestStats
  )] {
    routes.map {
      ($0.key.label, Self.sum($0.value, from: now - window, to: now, includeCurrent: true))
    }
    .filter { $0.stats.requests > 0 }
  }

  /// Requests per slot over the window, oldest first, for the sparkline.
  public func series(window: Double, now: EpochSeconds, points: Int) -> [Double] {
    guard points > 0 else { return [] }
    let step = window / Double(points)
    var values = [Double](repeating: 0, count: points)
    let start = now - window
    ring.forEach(from: start, to: now, includeCurrent: true) { slot, bucket in
      let t = Double(slot) * ring.slotSeconds
      let i = Int((t - start) / step)
      if i >= 0 && i < points { values[i] += Double(bucket.requests) }
    }
    return values
  }

  static func sum(
    _ ring: BucketRing<RequestBucket>, from: EpochSeconds, to: EpochSeconds, includeCurrent: Bool
  ) -> RequestStats {
    var total = RequestBucket()
    ring.forEach(from: from, to: to, includeCurrent: includeCurrent) { _, b in total.add(b) }
    let span = ring.coveredSpan(from: from, to: to, includeCurrent: includeCurrent)
    return RequestStats(bucket: total, from: span.from, to: span.to)
  }

  /// Raw merged bucket over exact bounds, for significance tests that need the histogram itself.
  public func bucket(from: EpochSeconds, to: EpochSeconds) -> RequestBucket {
    var total = RequestBucket()
    ring.forEach(from: from, to: to) { _, b in total.add(b) }
    return total
  }
}
