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
  /// A row whose buckets have all aged out of its ring (no request for 62 minutes) is freed when
  /// the table is full (`freeIdleRoutes`), for a route with traffic now.
  public static let maxRoutes = 60
  public static let otherRoute = "(other)"
  /// The key of a freed row, waiting for a route. No request line gives it (a NUL in the route).
  static let freeRoute = RouteKey(method: "", route: "\u{0}free")

  public let name: String
  public var thresholds: ServiceThresholds
  public private(set) var ring: BucketRing<RequestBucket>
  /// Routes by position: the access-log fast path keeps a route's index and never hashes a string.
  public private(set) var routeKeys: [RouteKey] = []
  private var routeRings: [BucketRing<RequestBucket>] = []
  /// Hosts by position (`hostSlot`), when sources name their hosts: each host's share of the
  /// service's requests, in minute buckets like the routes so host rows add up to the service.
  public internal(set) var hostNames: [String] = []
  var hostRings: [BucketRing<RequestBucket>] = []
  var hostLastRequestAt: [EpochSeconds?] = []
  public private(set) var totalRequests = 0
  public private(set) var firstRequestAt: EpochSeconds?
  public private(set) var lastRequestAt: EpochSeconds?
  public private(set) var lastErrorAt: EpochSeconds?
  public private(set) var lastErrorStatus: Int?
  public private(set) var recentErrors = RecentRequests(capacity: 200)
  public private(set) var slowest = SlowestRequests(capacity: 30, horizonSeconds: 3600)
  /// Status codes of the most recent health-check requests, newest last.
  public private(set) var recentHealth: [Int] = []
  /// When each of `recentHealth` was logged, so trackers filled in parallel merge in time order.
  private var recentHealthAt: [EpochSeconds] = []

  public init(name: String, thresholds: ServiceThresholds = ServiceThresholds()) {
    self.name = name
    self.thresholds = thresholds
    ring = BucketRing(
      slotSeconds: Self.serviceSlotSeconds, slotCount: Self.serviceSlots, make: { RequestBucket() },
      seal: { $0.seal() })
  }

  /// Each route's rolling buckets.
  public var routes: [RouteKey: BucketRing<RequestBucket>] {
    Dictionary(uniqueKeysWithValues: zip(routeKeys, routeRings).filter { $0.0 != Self.freeRoute })
  }

  /// Counts a request from its few numbers, and builds the full request (strings for path,
  /// client, user agent) only when it is kept, as a 5xx or as one of the slowest. `route` is the
  /// position `routeSlot` gave. Requests come through a `RequestSink`.
  @inline(__always)
  mutating func record(
    time: EpochSeconds, status: Int, durationMs: Double?, route: Int, host: Int = -1,
    isHealthCheck: Bool, details: () -> Request
  ) {
    let f = (time: time, status: status, durationMs: durationMs)
    totalRequests += 1
    if firstRequestAt == nil || f.time < firstRequestAt! { firstRequestAt = f.time }
    if lastRequestAt == nil || f.time > lastRequestAt! { lastRequestAt = f.time }
    let latency = RequestBucket.Latency(durationMs: f.durationMs)
    ring.update(at: f.time) { $0.record(status: f.status, latency: latency) }
    routeRings[route].update(at: f.time) { $0.record(status: f.status, latency: latency) }
    // -1 unless some source names its host: a box-only setup pays one branch.
    if host >= 0 { recordOnHost(host, time: f.time, status: f.status, latency: latency) }
    var kept: Request?
    if f.status >= 500 {
      let r = details()
      kept = r
      recentErrors.append(r)
      if lastErrorAt == nil || f.time >= lastErrorAt! {
        lastErrorAt = f.time
        lastErrorStatus = f.status
      }
    }
    if let d = f.durationMs, slowest.admits(durationMs: d, at: f.time) {
      slowest.consider(kept ?? details())
    }
    if isHealthCheck {
      recentHealth.append(f.status)
      recentHealthAt.append(f.time)
      if recentHealth.count > Self.keptHealthChecks {
        recentHealth.removeFirst()
        recentHealthAt.removeFirst()
      }
    }
  }

  static let keptHealthChecks = 10

  /// Folds in a tracker of the same service filled from other lines of the same logs (headless
  /// reads decode on two threads, each into its own tracker).
  public mutating func absorb(_ other: ServiceTracker) {
    guard other.totalRequests > 0 else { return }
    totalRequests += other.totalRequests
    if let t = other.firstRequestAt, firstRequestAt == nil || t < firstRequestAt! {
      firstRequestAt = t
    }
    if let t = other.lastRequestAt, lastRequestAt == nil || t > lastRequestAt! { lastRequestAt = t }
    if let t = other.lastErrorAt, lastErrorAt == nil || t >= lastErrorAt! {
      lastErrorAt = t
      lastErrorStatus = other.lastErrorStatus
    }
    ring.absorb(other.ring) { $0.add($1) }
    absorbHosts(other)
    for (key, theirs) in zip(other.routeKeys, other.routeRings) where key != Self.freeRoute {
      routeRings[routeSlot(for: key)].absorb(theirs) { $0.add($1) }
    }
    recentErrors.absorb(other.recentErrors)
    for r in other.slowest.items { slowest.consider(r) }
    let health = zip(recentHealthAt + other.recentHealthAt, recentHealth + other.recentHealth)
      .enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
      .suffix(Self.keptHealthChecks)
    recentHealthAt = health.map(\.element.0)
    recentHealth = health.map(\.element.1)
  }

  /// Method and route, hashed as they are: no string is built per request.
  public struct RouteKey: Hashable, Sendable {
    public var method: String
    public var route: String
    public var label: String { method.isEmpty ? route : "\(method) \(route)" }

    public init(method: String, route: String) {
      self.method = method
      self.route = route
    }
  }

  /// The position of `key`'s buckets, made on first sight; past `maxRoutes` new routes take a
  /// freed row, else share the `(other)` position, so memory stays bounded on a path explosion. A
  /// linear search: the `RequestSink`'s route map asks once per distinct route (and again after
  /// rows were freed), and there are at most `maxRoutes`.
  mutating func routeSlot(for key: RouteKey) -> Int {
    if let i = routeKeys.firstIndex(of: key) { return i }
    if routeKeys.count >= Self.maxRoutes, let free = routeKeys.firstIndex(of: Self.freeRoute) {
      routeKeys[free] = key
      return free
    }
    let slotKey =
      routeKeys.count < Self.maxRoutes ? key : RouteKey(method: "", route: Self.otherRoute)
    if let i = routeKeys.firstIndex(of: slotKey) { return i }
    routeKeys.append(slotKey)
    routeRings.append(Self.makeRouteRing())
    return routeKeys.count - 1
  }

  /// When the table is full, frees the rows of routes with nothing left in their ring (no request
  /// for as long as it holds) so routes with traffic now can have them; `(other)` keeps its row.
  /// Nothing counted is lost: a freed row held no bucket any window could still reach. True when a
  /// row was freed: route positions must then be asked for again (`Monitor.generation`).
  mutating func freeIdleRoutes() -> Bool {
    guard routeKeys.count >= Self.maxRoutes, let now = lastRequestAt else { return false }
    var freed = false
    for i in routeKeys.indices
    where routeKeys[i].route != Self.otherRoute && routeKeys[i] != Self.freeRoute
      && routeRings[i].isEmpty(at: now)
    {
      routeKeys[i] = Self.freeRoute
      routeRings[i] = Self.makeRouteRing()
      freed = true
    }
    return freed
  }

  static func makeRouteRing() -> BucketRing<RequestBucket> {
    BucketRing(
      slotSeconds: routeSlotSeconds, slotCount: routeSlots, make: { RequestBucket() },
      seal: { $0.seal() })
  }

  /// Stats over exact bounds (slots straddling an edge are left out): for deploy deltas.
  public func stats(from: EpochSeconds, to: EpochSeconds) -> RequestStats {
    Self.sum(ring, from: from, to: to, includeCurrent: false)
  }

  /// Where the window ending `now` starts: on the minute boundary nearest `now - window`, so the
  /// service (10 s slots) and its routes (1-minute slots) cover exactly the same requests and the
  /// route rows add up to the service row. The window is then within 30 s of its name; every
  /// rate is over the span really covered.
  public static func windowStart(window: Double, now: EpochSeconds) -> EpochSeconds {
    ((now - window) / routeSlotSeconds).rounded(.toNearestOrAwayFromZero) * routeSlotSeconds
  }

  /// Stats for the window ending now, including the slot still filling.
  public func stats(window: Double, now: EpochSeconds) -> RequestStats {
    Self.sum(ring, from: Self.windowStart(window: window, now: now), to: now, includeCurrent: true)
  }

  public func routeStats(window: Double, now: EpochSeconds) -> [(
    route: String, stats: RequestStats
  )] {
    let from = Self.windowStart(window: window, now: now)
    return zip(routeKeys, routeRings).map {
      ($0.label, Self.sum($1, from: from, to: now, includeCurrent: true))
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
      let i = Int(saturating: (t - start) / step)
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

  /// Each route's merged bucket over exact bounds (whole minutes inside them), for comparing
  /// routes across a deploy.
  public func routeBuckets(from: EpochSeconds, to: EpochSeconds) -> [(
    route: String, bucket: RequestBucket
  )] {
    zip(routeKeys, routeRings).filter { $0.0 != Self.freeRoute }.map { key, ring in
      var total = RequestBucket()
      ring.forEach(from: from, to: to) { _, b in total.add(b) }
      return (key.label, total)
    }
  }

  /// The span `routeBuckets` really covers for these bounds (route slots are a minute long).
  static func routeSpan(from: EpochSeconds, to: EpochSeconds) -> (from: Double, to: Double) {
    let first = (from / routeSlotSeconds).rounded(.up) * routeSlotSeconds
    return (first, Swift.max(first, (to / routeSlotSeconds).rounded(.down) * routeSlotSeconds))
  }

  /// Raw merged bucket over exact bounds, for significance tests that need the histogram itself.
  public func bucket(from: EpochSeconds, to: EpochSeconds) -> RequestBucket {
    var total = RequestBucket()
    ring.forEach(from: from, to: to) { _, b in total.add(b) }
    return total
  }
}
