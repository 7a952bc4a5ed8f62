/// Follows successive snapshots of one metrics source and answers windowed questions: counter
/// increases and rates, gauge values, histogram and summary quantiles, `up` and build version.
///
/// History is bounded: snapshots older than `retention` (plus the one just before it, the base of
/// the longest window) are dropped, and snapshots closer together than `resolution` are thinned so a
/// file rewritten every second still costs one snapshot per `resolution`.
public struct MetricsTracker: Sendable {
  public let retention: Double
  public let resolution: Double
  /// Stamped on the deploy events `ingest` returns.
  public var service: String?

  private(set) var history: [StoredSnapshot] = []
  private var adjuster = CounterResetAdjuster()
  private var buildVersions: [String: String] = [:]
  /// The newest snapshot as read, for gauges, summaries and labels.
  public private(set) var latest: MetricsSnapshot?

  public init(retention: Double = 3600, resolution: Double = 10, service: String? = nil) {
    self.retention = retention
    self.resolution = resolution
    self.service = service
  }

  public var snapshotCount: Int { history.count }
  public var latestTime: EpochSeconds? { latest?.time }

  /// Adds a snapshot; returns a deploy event for each `*_build_info` whose version changed since
  /// the previous snapshot. Snapshots older than the newest one are ignored (a clock step back).
  @discardableResult
  public mutating func ingest(_ snapshot: MetricsSnapshot) -> [DeployEvent] {
    guard snapshot.time.isFinite else { return [] }
    if let newest = history.last?.time, snapshot.time < newest { return [] }
    let deploys = detectDeploys(in: snapshot)
    latest = snapshot

    var values: [SeriesKey: Double] = [:]
    var names = Set<String>()
    for sample in snapshot.samples {
      let key = SeriesKey(sample)
      names.insert(sample.name)
      if CumulativeSeries.isCumulative(sample.name, types: snapshot.types) {
        values[key] = adjuster.adjust(key, raw: sample.value, at: snapshot.time)
      } else {
        values[key] = sample.value
      }
    }
    append(StoredSnapshot(time: snapshot.time, values: values, names: names))
    return deploys
  }

  private mutating func append(_ stored: StoredSnapshot) {
    if let last = history.last, last.time == stored.time {
      history[history.count - 1] = stored
    } else if history.count >= 2,
      history[history.count - 1].time - history[history.count - 2].time
        < resolution
    {
      // The previous newest was kept only for being newest; its neighbour covers that moment.
      history[history.count - 1] = stored
    } else {
      history.append(stored)
    }
    let cutoff = stored.time - retention
    let expired = history.lastIndex { $0.time <= cutoff }
    if let expired, expired > 0 {
      history.removeFirst(expired)
      adjuster.forget(before: history[0].time)
    }
  }

  private mutating func detectDeploys(in snapshot: MetricsSnapshot) -> [DeployEvent] {
    var deploys: [DeployEvent] = []
    var seen = Set<String>()
    for sample in snapshot.samples where sample.name.hasSuffix("_build_info") {
      guard let version = sample.label("version"), !seen.contains(sample.name) else { continue }
      seen.insert(sample.name)
      if let previous = buildVersions[sample.name], previous != version {
        let commit =
          sample.label("commit") ?? sample.label("revision") ?? sample.label("git_commit")
        deploys.append(
          DeployEvent(
            time: snapshot.time, kind: .deploy, version: version, service: service, commit: commit))
      }
      buildVersions[sample.name] = version
    }
    return deploys
  }

  // MARK: - Windowed queries

  /// The snapshots bounding the window `[now - window, now]`: the newest at or before `now`, and
  /// the one at or just before the window start (or the oldest inside it when tracking began later).
  func span(window: Double, now: EpochSeconds) -> SnapshotSpan? {
    guard let lastIndex = history.lastIndex(where: { $0.time <= now }) else { return nil }
    let start = now - window
    let last = history[lastIndex]
    guard last.time > start else { return nil }
    let baseIndex = history[...lastIndex].lastIndex { $0.time <= start } ?? 0
    guard baseIndex < lastIndex else { return nil }
    return SnapshotSpan(base: history[baseIndex], last: last)
  }

  /// Summed increase of every series named `name` whose labels match, per matching series key.
  func increases(
    of name: String, matching matchers: [String: String], over span: SnapshotSpan
  ) -> [SeriesKey: Double] {
    var result: [SeriesKey: Double] = [:]
    guard span.base.names.contains(name) else { return result }
    for (key, value) in span.last.values where key.name == name && key.matches(matchers) {
      let before = span.base.values[key] ?? 0
      guard value.isFinite, before.isFinite else { continue }
      result[key] = max(0, value - before)
    }
    return result
  }

  /// Increase of a counter over the window, summed over matching series; nil when unknown.
  public func increase(
    of name: String, matching matchers: [String: String] = [:], window: Double, now: EpochSeconds
  ) -> Double? {
    guard let span = span(window: window, now: now) else { return nil }
    let parts = increases(of: name, matching: matchers, over: span)
    return parts.isEmpty ? nil : parts.values.reduce(0, +)
  }

  /// Per-second rate of a counter over the window (increase / seconds between the snapshots used).
  public func rate(
    of name: String, matching matchers: [String: String] = [:], window: Double, now: EpochSeconds
  ) -> Double? {
    guard let span = span(window: window, now: now), span.seconds > 0 else { return nil }
    let parts = increases(of: name, matching: matchers, over: span)
    return parts.isEmpty ? nil : parts.values.reduce(0, +) / span.seconds
  }

  /// `histogram_quantile(q, sum by (le) (increase(name_bucket[window])))` over matching series.
  public func histogramQuantile(
    _ q: Double, of baseName: String, matching matchers: [String: String] = [:], window: Double,
    now: EpochSeconds
  ) -> Double? {
    guard let span = span(window: window, now: now) else { return nil }
    return histogramQuantile(q, of: baseName, matching: matchers, over: span)
  }

  func histogramQuantile(
    _ q: Double, of baseName: String, matching matchers: [String: String], over span: SnapshotSpan
  ) -> Double? {
    var byBound: [Double: Double] = [:]
    for (key, delta) in increases(of: baseName + "_bucket", matching: matchers, over: span) {
      guard let text = key.label("le"), let bound = HistogramQuantile.bound(fromLabel: text)
      else { continue }
      byBound[bound, default: 0] += delta
    }
    let buckets = byBound.map {
      HistogramQuantile.Bucket(upperBound: $0.key, cumulativeCount: $0.value)
    }
    return HistogramQuantile.quantile(q, buckets: buckets)
  }

  /// A summary's `{quantile="q"}` value from the newest snapshot. With several matching series
  /// (quantiles cannot be merged) the largest is returned, the cautious reading for latency.
  public func summaryQuantile(
    _ q: Double, of name: String, matching matchers: [String: String] = [:]
  ) -> Double? {
    let values = (latest?.samples ?? []).compactMap { sample -> Double? in
      guard sample.name == name, SeriesKey(sample).matches(matchers),
        let text = sample.label("quantile"), let quantile = Double(text), abs(quantile - q) < 1e-9,
        sample.value.isFinite
      else { return nil }
      return sample.value
    }
    return values.max()
  }

  /// Newest samples of a gauge (or any metric) by name.
  public func latestSamples(_ name: String, matching matchers: [String: String] = [:])
    -> [MetricSample]
  {
    (latest?.samples ?? []).filter { $0.name == name && SeriesKey($0).matches(matchers) }
  }

  /// The newest value of the first matching series; nil when absent or NaN.
  public func latestValue(_ name: String, matching matchers: [String: String] = [:]) -> Double? {
    guard let value = latestSamples(name, matching: matchers).first?.value, !value.isNaN else {
      return nil
    }
    return value
  }

  /// True when any `up`-style gauge (`up`, or an exporter's `redis_up`, `pg_up`...) reads 0,
  /// false when all read non-zero, nil when there are none.
  public var anyUpIsZero: Bool? {
    let ups = (latest?.samples ?? []).filter {
      ($0.name == "up" || $0.name.hasSuffix("_up")) && !$0.value.isNaN
    }
    guard !ups.isEmpty else { return nil }
    return ups.contains { $0.value == 0 }
  }

  /// The version label of the newest `*_build_info` sample.
  public var buildVersion: String? {
    latest?.samples.first { $0.name.hasSuffix("_build_info") && $0.label("version") != nil }?
      .label("version")
  }
}
