extension MetricsTracker {
  /// A service's request numbers from its metrics over `[now - window, now]`, or nil when the
  /// metrics say nothing about it (no snapshot yet, none of the names present, no `up` or version).
  public func serviceStats(window: Double, now: EpochSeconds, names: MetricNames)
    -> MetricsServiceStats?
  {
    guard let latest, let newest = history.last(where: { $0.time <= now }) else { return nil }
    let span = span(window: window, now: now)
    // `now` may lie in the past (the window before a deploy). What only the newest snapshot
    // holds (up, version, summary quantiles) is used only when that snapshot is not after `now`.
    let current = latest.time <= now
    let fresh = current && latest.time > now - window
    var stats = MetricsServiceStats(
      from: span?.base.time, to: span?.last.time, snapshotAge: now - newest.time,
      up: fresh ? anyUpIsZero.map { !$0 } : nil, version: current ? buildVersion : nil)

    let requestsName = names.requests.first { name in latest.samples.contains { $0.name == name } }
    let duration = names.duration.lazy.compactMap { durationMetric(named: $0, in: latest) }.first

    if let span, let requestsName {
      let perSeries = increases(of: requestsName, matching: [:], over: span)
      if !perSeries.isEmpty {
        fillRequests(&stats, perSeries: perSeries, seconds: span.seconds, names: names)
      }
      stats.routes = routeStats(
        perSeries: perSeries, span: span, names: names, duration: duration, current: current)
    }
    if let duration {
      stats.p50Ms = quantileMs(0.5, duration, matching: [:], span: span, current: current)
      stats.p95Ms = quantileMs(0.95, duration, matching: [:], span: span, current: current)
      stats.p99Ms = quantileMs(0.99, duration, matching: [:], span: span, current: current)
    }

    let knowsSomething =
      requestsName != nil || duration != nil || stats.up != nil || stats.version != nil
    return knowsSomething ? stats : nil
  }

  private func fillRequests(
    _ stats: inout MetricsServiceStats, perSeries: [SeriesKey: Double], seconds: Double,
    names: MetricNames
  ) {
    let total = perSeries.values.reduce(0, +)
    stats.requests = total
    stats.rps = seconds > 0 ? total / seconds : nil
    stats.statusClasses = statusClasses(perSeries, names: names)
    stats.errorRate = errorRate(perSeries, total: total, names: names)
  }

  private func statusClasses(_ perSeries: [SeriesKey: Double], names: MetricNames)
    -> [String: Double]
  {
    var classes: [String: Double] = [:]
    for (key, delta) in perSeries {
      guard let label = firstLabel(names.statusLabels, of: key),
        let status = MetricStatusClass.of(label)
      else { continue }
      classes[status, default: 0] += delta
    }
    return classes
  }

  /// 5xx share; nil without requests or when no series carries a status label.
  private func errorRate(_ perSeries: [SeriesKey: Double], total: Double, names: MetricNames)
    -> Double?
  {
    guard total > 0,
      perSeries.keys.contains(where: { firstLabel(names.statusLabels, of: $0) != nil })
    else { return nil }
    let errors = perSeries.filter { key, _ in
      firstLabel(names.statusLabels, of: key).flatMap(MetricStatusClass.of) == "5xx"
    }.values.reduce(0, +)
    return errors / total
  }

  private func routeStats(
    perSeries: [SeriesKey: Double], span: SnapshotSpan, names: MetricNames,
    duration: DurationMetric?, current: Bool
  ) -> [MetricsRouteStats] {
    struct RouteKey: Hashable {
      var method: String?
      var handler: String
    }
    var grouped: [RouteKey: [SeriesKey: Double]] = [:]
    for (key, delta) in perSeries {
      guard let handler = firstLabel(names.routeLabels, of: key) else { continue }
      let route = RouteKey(method: firstLabel(names.methodLabels, of: key), handler: handler)
      grouped[route, default: [:]][key] = delta
    }
    var routes: [MetricsRouteStats] = []
    for (route, series) in grouped {
      let total = series.values.reduce(0, +)
      guard total > 0 else { continue }
      var stats = MetricsRouteStats(
        route: [route.method, route.handler].compactMap { $0 }.joined(separator: " "),
        method: route.method, handler: route.handler, requests: total,
        rps: span.seconds > 0 ? total / span.seconds : nil,
        errorRate: errorRate(series, total: total, names: names))
      if let duration,
        let matchers = duration.matchers(method: route.method, handler: route.handler, names: names)
      {
        stats.p50Ms = quantileMs(0.5, duration, matching: matchers, span: span, current: current)
        stats.p95Ms = quantileMs(0.95, duration, matching: matchers, span: span, current: current)
        stats.p99Ms = quantileMs(0.99, duration, matching: matchers, span: span, current: current)
      }
      routes.append(stats)
    }
    return routes.sorted { ($0.requests, $1.route) > ($1.requests, $0.route) }
  }

  private func quantileMs(
    _ q: Double, _ duration: DurationMetric, matching matchers: [String: String],
    span: SnapshotSpan?, current: Bool
  ) -> Double? {
    let seconds: Double?
    switch duration.kind {
    case .histogram:
      guard let span else { return nil }
      seconds = histogramQuantile(q, of: duration.name, matching: matchers, over: span)
    case .summary:
      // A summary's quantiles are the client's own recent view: only meaningful for the present.
      guard current else { return nil }
      seconds = summaryQuantile(q, of: duration.name, matching: matchers)
    }
    return seconds.map { $0 * duration.toMilliseconds }
  }

  private func durationMetric(named name: String, in snapshot: MetricsSnapshot) -> DurationMetric? {
    let bucketName = name + "_bucket"
    var summaryLabels: Set<String>?
    for sample in snapshot.samples {
      if sample.name == bucketName {
        return DurationMetric(
          name: name, kind: .histogram, labelNames: Set(sample.labels.map(\.name)))
      }
      if sample.name == name, sample.label("quantile") != nil {
        summaryLabels = Set(sample.labels.map(\.name))
      }
    }
    return summaryLabels.map { DurationMetric(name: name, kind: .summary, labelNames: $0) }
  }

  private func firstLabel(_ candidates: [String], of key: SeriesKey) -> String? {
    candidates.lazy.compactMap { key.label($0) }.first
  }
}

/// The latency metric chosen for a service and how to read it.
struct DurationMetric {
  enum Kind { case histogram, summary }
  var name: String
  var kind: Kind
  var labelNames: Set<String>

  /// Milliseconds per unit: `_seconds` metrics (the Prometheus convention) are scaled, `_ms` or
  /// `_milliseconds` ones are not.
  var toMilliseconds: Double {
    name.hasSuffix("_milliseconds") || name.hasSuffix("_ms") ? 1 : 1000
  }

  /// Label matchers selecting one route in this metric, or nil when it has no route label (a
  /// handler-less histogram cannot give per-route latency).
  func matchers(method: String?, handler: String, names: MetricNames) -> [String: String]? {
    guard let routeLabel = names.routeLabels.first(where: labelNames.contains) else { return nil }
    var matchers = [routeLabel: handler]
    if let method, let methodLabel = names.methodLabels.first(where: labelNames.contains) {
      matchers[methodLabel] = method
    }
    return matchers
  }
}
