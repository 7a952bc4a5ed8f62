/// Where each of a service's numbers came from, shown on its screen and in the report
/// (`number_sources`): `access log`, `prometheus`, `metrics`, or nil when nothing gave it.
public struct NumberSources: Sendable, Equatable {
  public var requests: String?
  public var latency: String?
  public var up: String?

  public init(requests: String? = nil, latency: String? = nil, up: String? = nil) {
    self.requests = requests
    self.latency = latency
    self.up = up
  }
}

extension Monitor {
  /// A service's numbers after Prometheus had its say, and what the verdict needs from it.
  struct PrometheusShare {
    var stats: RequestStats
    var numbersFrom: String
    var sources: NumberSources
    var sparkline: [Double]?
    var lastRequestAt: EpochSeconds?
    var routes: [RouteSnapshot]?
    var up: Bool?
    /// When Prometheus should have given the numbers but could not: the reason the verdict says.
    var failure: String?
  }

  /// The one place that decides between the access log and Prometheus for a service: with
  /// `source = "auto"` the log's requests win (every request, exact) and Prometheus fills what
  /// the log lacks (latency for a log without durations, `up`); a service with no request in its
  /// logs takes Prometheus's numbers; `source = "prometheus"` takes them always. Never both added.
  func prometheusShare(
    tracker s: ServiceTracker, stats: RequestStats, numbersFrom: String, now: EpochSeconds,
    window w: Double
  ) -> PrometheusShare? {
    guard let reading = prometheus[s.name] else { return nil }
    let choice = numbersSources[s.name] ?? .auto
    let logHasRequests = s.lastRequestAt != nil && !numbersFrom.hasPrefix("metrics")
    var share = PrometheusShare(
      stats: stats, numbersFrom: numbersFrom,
      sources: NumberSources(
        requests: logHasRequests ? "access log" : nil,
        latency: logHasRequests && stats.latencySamples > 0 ? "access log" : nil))
    guard let p = reading.stats else {
      if choice == .prometheus || !logHasRequests {
        share.failure = "prometheus: " + (reading.error?.description ?? "no answer yet")
        share.numbersFrom = "prometheus"
      }
      return share
    }
    share.up = p.up
    share.sources.up = p.up == nil ? nil : "prometheus"
    let takeAll = choice == .prometheus || !logHasRequests
    if takeAll, let converted = RequestStats(metrics: p, now: now, window: w) {
      share.stats = converted
      share.numbersFrom = logHasRequests ? "prometheus; access log also read" : "prometheus"
      share.sources.requests = "prometheus"
      share.sources.latency = p.p95Ms == nil ? nil : "prometheus"
      share.sparkline = reading.series
      share.lastRequestAt = reading.lastRequestAt
      share.routes = p.routes.compactMap { r in
        var single = MetricsServiceStats(
          from: p.from, to: p.to, requests: r.requests, rps: r.rps,
          statusClasses: ["5xx": (r.errorRate ?? 0) * r.requests],
          errorRate: r.errorRate, p50Ms: r.p50Ms, p95Ms: r.p95Ms, p99Ms: r.p99Ms)
        single.statusClasses["2xx"] = r.requests - (single.statusClasses["5xx"] ?? 0)
        return RequestStats(metrics: single, now: now, window: w).map {
          RouteSnapshot(route: r.route, stats: $0)
        }
      }
      if reading.error != nil, p.requests == nil {
        share.failure = "prometheus: " + reading.error!.description
      }
      return share
    }
    share.numbersFrom = numbersFrom + "; prometheus also read"
    // The log has no durations (nginx's combined format): Prometheus's percentiles fill them.
    if stats.latencySamples == 0, p.p95Ms != nil {
      share.stats.p50Ms = p.p50Ms
      share.stats.p95Ms = p.p95Ms
      share.stats.p99Ms = p.p99Ms
      share.stats.latencySamples = stats.requests
      share.sources.latency = "prometheus"
    }
    return share
  }

  /// The Prometheus sources' rows for the sources view and the report: one per service asked.
  public func prometheusSources(url: String, headless: Bool) -> [SourceHealth] {
    prometheus.values.sorted { $0.service < $1.service }.map { r in
      var h = SourceHealth(
        path: "\(url) {\(r.selector)}", role: .metrics, service: r.service,
        detection: Detection(format: "prometheus-api", role: .metrics, confidence: 1, forced: true),
        state: r.error.map { .unreadable($0.description) } ?? (headless ? .done : .following),
        bytesRead: r.bytes, lines: r.seriesRead)
      h.namedBy = ["[prometheus] url"]
      return h
    }
  }
}

extension Monitor {
  /// A service's step-by-step Prometheus numbers around the deploy, when Prometheus is what
  /// counts its requests (the rule of `prometheusShare`): the deploy comparison then reads them.
  func prometheusSlices(_ s: ServiceTracker) -> PrometheusSlices? {
    guard let r = prometheus[s.name], let slices = r.slices, r.stats?.requests != nil else {
      return nil
    }
    let choice = numbersSources[s.name] ?? .auto
    guard choice == .prometheus || s.lastRequestAt == nil else { return nil }
    return slices
  }

  /// The requests of a service between two moments, from whichever source counts them.
  func requestBucket(_ s: ServiceTracker, from: EpochSeconds, to: EpochSeconds) -> RequestBucket {
    prometheusSlices(s)?.bucket(from: from, to: to) ?? s.bucket(from: from, to: to)
  }

  /// Where the compared data starts and ends: the logs' events, widened to the Prometheus steps
  /// read for the services it counts (whose data runs to the last query, not the last log line).
  func dataSpan(_ relevant: [ServiceTracker]) -> (start: EpochSeconds?, end: EpochSeconds?) {
    var start = oldestEventAt
    var end = newestEventAt
    for s in relevant {
      guard let slices = prometheusSlices(s) else { continue }
      start = Swift.min(start ?? slices.start, slices.start)
      end = Swift.max(end ?? slices.end, slices.end)
    }
    return (start, end)
  }
}
