/// What one round of queries learned about one service.
public struct PrometheusReading: Sendable, Equatable {
  public var service: String
  /// The queries' selector, for the source's row.
  public var selector: String
  /// The numbers, `nil` when a query failed (`error`) before any came.
  public var stats: MetricsServiceStats?
  /// Requests per second in each step of the window, oldest first (the sparkline).
  public var series: [Double]
  /// The end of the last step with a request in it.
  public var lastRequestAt: EpochSeconds?
  /// The first failure of the round for this service (a bad query, a timeout, unreachable).
  public var error: PrometheusError?
  /// When the round asked, and what it received.
  public var askedAt: EpochSeconds
  public var bytes: Int
  public var seriesRead: Int
  public var queries: Int
  /// Step by step around the latest deploy, when there is one to compare (`PrometheusSlices`).
  public var slices: PrometheusSlices?

  public init(service: String, selector: String, askedAt: EpochSeconds) {
    self.service = service
    self.selector = selector
    self.askedAt = askedAt
    stats = nil
    series = []
    lastRequestAt = nil
    error = nil
    bytes = 0
    seriesRead = 0
    queries = 0
    slices = nil
  }
}

/// Turns the API's series into a service's numbers.
public enum PrometheusNumbers {
  /// Increase of each counter series over its points (a drop is a restart: counting starts again
  /// from 0), per step; a series absent at the first point was created inside the range and
  /// counts from 0. Returns the total per series and per step (`steps` slots, by time).
  static func increases(
    _ series: PromSeries, start: Double, step: Double, steps: Int
  ) -> (total: Double, perStep: [Double]) {
    var perStep = [Double](repeating: 0, count: steps)
    var total = 0.0
    var previous: Double?
    let first = series.samples.first
    for sample in series.samples where sample.value.isFinite && sample.value >= 0 {
      var gained: Double
      if let p = previous {
        gained = sample.value >= p ? sample.value - p : sample.value
      } else if let f = first, f.time > start + step / 2 {
        gained = sample.value  // created inside the range
      } else {
        gained = 0  // the value at the range's start: what came before it
      }
      previous = sample.value
      gained = Swift.min(gained, Double(RequestStats.largestMetricsCount))
      guard gained > 0 else { continue }
      total += gained
      let slot = Int(saturating: ((sample.time - start) / step).rounded(.up)) - 1
      perStep[Swift.min(Swift.max(slot, 0), steps - 1)] += gained
    }
    return (total, perStep)
  }

  /// Numbers from the raw request counters over `[start, end]` and the latency buckets' increase.
  public static func stats(
    counters: [PromSeries], buckets: [PromSeries], up: [PromSeries]?,
    queries q: PrometheusServiceQueries, start: Double, end: Double, step: Double
  ) -> (stats: MetricsServiceStats, series: [Double], lastRequestAt: EpochSeconds?) {
    let steps = Swift.max(1, Int(saturating: ((end - start) / step).rounded()))
    var perStep = [Double](repeating: 0, count: steps)
    var classes: [String: Double] = [:]
    var total = 0.0
    struct RouteCount {
      var requests = 0.0
      var errors = 0.0
    }
    var routes: [String: (method: String?, handler: String, count: RouteCount)] = [:]
    for s in counters {
      let (n, slots) = increases(s, start: start, step: step, steps: steps)
      for i in slots.indices { perStep[i] += slots[i] }
      guard n > 0 else { continue }
      total += n
      let status = q.statusLabels.lazy.compactMap { s.labels[$0] }.first
      let cls = status.flatMap { MetricStatusClass.of($0) }
      if let cls { classes[cls, default: 0] += n }
      let handler = s.labels[q.routeLabel] ?? ""
      let method = s.labels[q.methodLabel]
      let key = routeName(method: method, handler: handler)
      var entry = routes[key] ?? (method, handler, RouteCount())
      entry.count.requests += n
      if cls == "5xx" { entry.count.errors += n }
      routes[key] = entry
    }
    // Latency: buckets per route, summed for the service.
    var serviceBuckets: [Double: Double] = [:]
    var routeBuckets: [String: [Double: Double]] = [:]
    for s in buckets {
      guard let le = s.labels["le"].flatMap(HistogramQuantile.bound(fromLabel:)) else { continue }
      let v = increases(s, start: start, step: end - start, steps: 1).total
      serviceBuckets[le, default: 0] += v
      let key = routeName(method: s.labels[q.methodLabel], handler: s.labels[q.routeLabel] ?? "")
      routeBuckets[key, default: [:]][le, default: 0] += v
    }
    let (p50, p95, p99) = quantilesMs(serviceBuckets)
    // Rates over the time the data covers, as for logs: a service whose series all appeared
    // inside the window (just started, or scraped since) is rated from a step before they did.
    let firstSeen = counters.compactMap { $0.samples.first?.time }.min()
    var from = start
    if let firstSeen, firstSeen > start + step / 2 { from = Swift.max(start, firstSeen - step) }
    let seconds = Swift.max(end - from, 1e-9)
    var stats = MetricsServiceStats(
      from: from, to: end, requests: total, rps: total / seconds, statusClasses: classes,
      errorRate: total > 0 ? (classes["5xx"] ?? 0) / total : nil, p50Ms: p50, p95Ms: p95,
      p99Ms: p99)
    if let up {
      let values = up.compactMap { $0.samples.last?.value }.filter { !$0.isNaN }
      if !values.isEmpty { stats.up = values.allSatisfy { $0 > 0 } }
    }
    stats.routes = routes.map { key, r in
      let (rp50, rp95, rp99) = quantilesMs(routeBuckets[key] ?? [:])
      return MetricsRouteStats(
        route: key, method: r.method, handler: r.handler, requests: r.count.requests,
        rps: r.count.requests / seconds,
        errorRate: r.count.requests > 0 ? r.count.errors / r.count.requests : nil, p50Ms: rp50,
        p95Ms: rp95, p99Ms: rp99)
    }.sorted { ($1.requests, $0.route) < ($0.requests, $1.route) }
    let lastSlot = perStep.lastIndex { $0 > 0 }
    return (
      stats, perStep.map { $0 / step }, lastSlot.map { start + Double($0 + 1) * step }
    )
  }

  static func routeName(method: String?, handler: String) -> String {
    let h = handler.isEmpty ? "(no route label)" : handler
    guard let method, !method.isEmpty else { return h }
    return "\(method.uppercased()) \(h)"
  }

  static func quantilesMs(_ buckets: [Double: Double]) -> (Double?, Double?, Double?) {
    let list = buckets.map {
      HistogramQuantile.Bucket(upperBound: $0.key, cumulativeCount: $0.value)
    }
    func ms(_ q: Double) -> Double? {
      guard let s = HistogramQuantile.quantile(q, buckets: list), s.isFinite else { return nil }
      return s * 1000
    }
    return (ms(0.5), ms(0.95), ms(0.99))
  }
}

/// One round: every service's queries, one after another, against one server.
public enum PrometheusRound {
  /// Steps across the window: the sparkline's resolution, and the counters' (a restart between two
  /// steps loses at most the requests of one step).
  public static let steps = 60

  /// `deploy`: the latest deploy's time and the comparison's wanted length each side; each
  /// service is then also read step by step around it (two more queries).
  public static func read(
    client: PrometheusClient, services: [(name: String, queries: PrometheusServiceQueries)],
    now: EpochSeconds, windowSeconds: Double,
    deploy: (at: EpochSeconds, span: Double)? = nil
  ) -> [PrometheusReading] {
    let step = Swift.max(1, (windowSeconds / Double(steps)).rounded(.up))
    let end = now
    let start = end - step * Double(steps)
    var readings: [PrometheusReading] = []
    var unreachable: PrometheusError?
    for (name, q) in services {
      var r = PrometheusReading(service: name, selector: q.selector, askedAt: now)
      if let unreachable {
        r.error = unreachable
        readings.append(r)
        continue
      }
      let (counters, b1) = client.queryRange(q.requestsQuery, start: start, end: end, step: step)
      // Two points, the window's ends: a bucket's increase (a label set created inside the
      // window counts from 0, where `increase()` would miss a route's first requests).
      let (buckets, b2) = client.queryRange(
        q.bucketsQuery, start: start, end: end, step: end - start)
      let (up, b3) = client.query(q.upQuery, at: end)
      r.queries = 3
      r.bytes = b1 + b2 + b3
      var failures: [PrometheusError] = []
      var counterSeries: [PromSeries] = []
      var bucketSeries: [PromSeries] = []
      var upSeries: [PromSeries]?
      switch counters {
      case .success(let s): counterSeries = s
      case .failure(let e): failures.append(e)
      }
      switch buckets {
      case .success(let s): bucketSeries = s
      case .failure(let e): failures.append(e)
      }
      switch up {
      case .success(let s): upSeries = s
      case .failure(let e): failures.append(e)
      }
      r.seriesRead = counterSeries.count + bucketSeries.count + (upSeries?.count ?? 0)
      r.error = failures.first
      if let e = failures.first, e.isUnreachable { unreachable = e }
      if failures.count < 3 {
        let (stats, series, last) = PrometheusNumbers.stats(
          counters: counterSeries, buckets: bucketSeries, up: upSeries, queries: q, start: start,
          end: end, step: step)
        // A failed requests query leaves requests unknown, not 0.
        if case .failure = counters {
          var partial = MetricsServiceStats(
            from: start, to: end, p50Ms: stats.p50Ms, p95Ms: stats.p95Ms, p99Ms: stats.p99Ms)
          partial.up = stats.up
          r.stats = partial
        } else {
          r.stats = stats
          r.series = series
          r.lastRequestAt = last
        }
      }
      if r.error == nil, let deploy, deploy.at < now, deploy.span > 0 {
        let (slices, bytes, error) = readSlices(client: client, q, deploy: deploy, now: now)
        r.queries += 2
        r.bytes += bytes
        r.slices = slices
        r.error = error
      }
      readings.append(r)
    }
    return readings
  }

  /// Steps per side of a deploy: 10 s steps for the usual 10 minutes.
  public static let stepsPerSide = 60

  static func readSlices(
    client: PrometheusClient, _ q: PrometheusServiceQueries,
    deploy: (at: EpochSeconds, span: Double), now: EpochSeconds
  ) -> (PrometheusSlices?, Int, PrometheusError?) {
    let step = Swift.max(1, (deploy.span / Double(stepsPerSide)).rounded(.up))
    let start = deploy.at - step * Double(stepsPerSide)
    let steps = Swift.min(
      2 * stepsPerSide, Int(saturating: ((now - start) / step).rounded(.down)))
    guard steps > 0 else { return (nil, 0, nil) }
    let end = start + step * Double(steps)
    let (counters, b1) = client.queryRange(q.requestsQuery, start: start, end: end, step: step)
    let (buckets, b2) = client.queryRange(q.bucketsQuery, start: start, end: end, step: step)
    switch (counters, buckets) {
    case (.success(let c), .success(let b)):
      return (
        PrometheusNumbers.slices(
          counters: c, buckets: b, queries: q, start: start, step: step, steps: steps),
        b1 + b2, nil
      )
    case (.failure(let e), _), (_, .failure(let e)):
      return (nil, b1 + b2, e)
    }
  }
}
