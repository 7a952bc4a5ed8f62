/// The whole model: events go in, a `Snapshot` comes out for any moment and window.
///
/// Not thread-safe by design: the run loop owns it and feeds it between redraws.
public final class Monitor {
  public var thresholds: [String: ServiceThresholds]
  public var defaultThresholds = ServiceThresholds()
  public var jobExpectations: [JobExpectation]
  public var offsetSeconds: Int
  /// Services by position, so the access-log fast path reaches its tracker without hashing a name.
  public internal(set) var trackers: [ServiceTracker] = []
  private var trackerIndex: [String: Int] = [:]
  public var services: [String: ServiceTracker] {
    Dictionary(uniqueKeysWithValues: trackers.map { ($0.name, $0) })
  }
  public internal(set) var jobs: [String: JobTracker] = [:]
  public internal(set) var signatures = ErrorSignatures()
  public private(set) var deploys: [DeployEvent] = []
  /// Per service, from its Prometheus metrics files.
  public internal(set) var metrics: [String: MetricsTracker] = [:]
  public var metricNames: [String: MetricNames] = [:]
  public private(set) var eventsIngested = 0
  /// Moves on every `reset()`, so holders of tracker positions know to look them up again.
  public private(set) var generation = 0
  /// The newest event time seen, so a snapshot can tell whether the data is current.
  public private(set) var newestEventAt: EpochSeconds?
  /// The oldest request, log or job event (deploys excluded: a deploy log reaches back further).
  public private(set) var oldestEventAt: EpochSeconds?

  private func isDeploy(_ e: Event) -> Bool {
    if case .deploy = e { return true }
    return false
  }
  public var analyzer = DeployAnalyzer()
  /// For `--at`: events after this moment are not counted, as if the logs ended there.
  public var ignoreAfter: EpochSeconds?

  public init(
    thresholds: [String: ServiceThresholds] = [:], jobExpectations: [JobExpectation] = [],
    offsetSeconds: Int = 0
  ) {
    self.thresholds = thresholds
    self.jobExpectations = jobExpectations
    self.offsetSeconds = offsetSeconds
  }

  /// Makes a service known before it has traffic, so it shows as UNKNOWN rather than not at all.
  @discardableResult
  public func declareService(_ name: String) -> Int {
    if let i = trackerIndex[name] { return i }
    trackers.append(ServiceTracker(name: name, thresholds: thresholds[name] ?? defaultThresholds))
    trackerIndex[name] = trackers.count - 1
    return trackers.count - 1
  }

  /// Where an access-log decoder sends its requests for `service` without building events.
  public func requestRecorder(service: String?) -> RequestRecorder {
    RequestRecorder(monitor: self, tracker: declareService(service ?? "web"))
  }

  /// An empty monitor with the same settings, for a second decoding thread to fill.
  public func shard() -> Monitor {
    let m = Monitor(
      thresholds: thresholds, jobExpectations: jobExpectations, offsetSeconds: offsetSeconds)
    m.defaultThresholds = defaultThresholds
    m.ignoreAfter = ignoreAfter
    return m
  }

  /// Folds in the requests a shard counted (see `shard()`); shards only ever hold requests.
  public func absorbRequests(from shard: Monitor) {
    for tracker in shard.trackers where tracker.totalRequests > 0 {
      trackers[declareService(tracker.name)].absorb(tracker)
    }
    eventsIngested += shard.eventsIngested
    if let t = shard.newestEventAt, newestEventAt == nil || t > newestEventAt! { newestEventAt = t }
    if let t = shard.oldestEventAt, oldestEventAt == nil || t < oldestEventAt! { oldestEventAt = t }
    shard.reset()
    shard.eventsIngested = 0
    shard.newestEventAt = nil
    shard.oldestEventAt = nil
  }

  /// The fast path's entry: the bookkeeping `ingest` does for a request event, on its numbers.
  @inline(__always)
  func record(
    _ f: RequestFacts, tracker: Int, route: Int, isHealthCheck: Bool,
    details: () -> RequestEvent
  ) {
    guard noteEventTime(f.time, isDeploy: false) else { return }
    trackers[tracker].record(f, route: route, isHealthCheck: isHealthCheck, details: details)
  }

  func routeSlot(tracker: Int, key: ServiceTracker.RouteKey) -> Int {
    trackers[tracker].routeSlot(for: key)
  }

  func healthPath(tracker: Int) -> String? { trackers[tracker].thresholds.healthPath }

  /// Counts an event and moves the newest/oldest marks; false when `--at` says to ignore it.
  @inline(__always)
  private func noteEventTime(_ t: EpochSeconds, isDeploy: Bool) -> Bool {
    if let limit = ignoreAfter, t > limit { return false }
    eventsIngested += 1
    if t.isFinite, newestEventAt == nil || t > newestEventAt! { newestEventAt = t }
    if t.isFinite, !isDeploy, oldestEventAt == nil || t < oldestEventAt! {
      oldestEventAt = t
    }
    return true
  }

  public func ingest(_ event: Event, service: String?) {
    guard noteEventTime(event.time, isDeploy: isDeploy(event)) else { return }
    switch event {
    case .request(let r):
      trackers[declareService(service ?? "web")].record(r)
    case .log(let record):
      guard record.level >= .error else { return }
      signatures.record(log: record, origin: ErrorOrigin(service: service))
    case .job(let j):
      jobs[j.name, default: JobTracker(name: j.name)].record(j)
      if j.phase == .failed {
        let ex = j.exception ?? ExceptionInfo(type: "JobFailed", message: j.detail ?? j.name)
        signatures.record(ex, at: j.time, origin: ErrorOrigin(job: j.name))
      }
    case .deploy(var d):
      if d.service == nil { d.service = service }
      // The same deploy read twice (backfill overlap, a re-created file) is kept once.
      if deploys.contains(d) { return }
      let i = deploys.firstIndex { $0.time > d.time } ?? deploys.endIndex
      deploys.insert(d, at: i)
      if deploys.count > 500 { deploys.removeFirst() }
    case .metrics(let snapshot):
      let name = service ?? "metrics"
      declareService(name)
      var tracker = metrics[name] ?? MetricsTracker(service: name)
      let versionChanges = tracker.ingest(snapshot)
      metrics[name] = tracker
      for var d in versionChanges {
        d.service = d.service ?? name
        ingest(.deploy(d), service: name)
      }
    }
  }

  /// The deploy the Deploy panel talks about: the latest deploy or rollback, else the latest restart.
  public func latestDeploy(before now: EpochSeconds) -> DeployEvent? {
    let past = deploys.filter { $0.time <= now }
    return past.last { $0.kind != .restart } ?? past.last
  }

  public func snapshot(now: EpochSeconds, window: TimeWindow, sources: [SourceHealth] = [])
    -> Snapshot
  {
    let w = window.seconds
    let serviceSnapshots = trackers.sorted { $0.name < $1.name }.map {
      serviceSnapshot($0, now: now, window: w)
    }
    let jobSummaries = jobs.values.map { tracker in
      tracker.summary(
        window: w, now: now, expectation: jobExpectations.first { $0.matches(tracker.name) })
    }.sorted(by: Self.jobOrder)
    var delta: DeployDelta?
    if let d = latestDeploy(before: now) {
      delta = deployDelta(for: d, now: now)
    }
    return Snapshot(
      now: now, window: window, services: serviceSnapshots, jobs: jobSummaries,
      errors: signatures.active(since: now - w), deploy: delta,
      deploys: deploys.filter { $0.time <= now }, sources: sources, offsetSeconds: offsetSeconds)
  }

  public func deployDelta(for d: DeployEvent, now: EpochSeconds) -> DeployDelta {
    let earlier = deploys.filter { $0.time < d.time && $0.kind != .restart }
    let previous = earlier.last { d.service == nil || $0.service == nil || $0.service == d.service }
    let relevant = trackers.filter {
      d.service == nil || trackerIndex[d.service!] == nil || $0.name == d.service
    }
    let inputs = DeployAnalyzer.Inputs(
      requestBucket: { from, to in
        var total = RequestBucket()
        for s in relevant { total.add(s.bucket(from: from, to: to)) }
        return total
      },
      jobRuns: jobs.values.flatMap(\.runs), signatures: Array(signatures.byKey.values),
      dataStart: oldestEventAt)
    return analyzer.delta(for: d, previous: previous, now: now, inputs: inputs)
  }

  /// Slowest first, in the same strict order the list keeps them by.
  static func slowerFirst(_ a: RequestEvent, _ b: RequestEvent) -> Bool {
    SlowestRequests.ranksBelow(b, a)
  }

  /// Problems first: failing, overdue, running long; then by most recent activity.
  static func jobOrder(_ a: JobSummary, _ b: JobSummary) -> Bool {
    let ra = rank(a.status)
    let rb = rank(b.status)
    if ra != rb { return ra < rb }
    return a.name < b.name
  }

  static func rank(_ s: JobStatus) -> Int {
    switch s {
    case .failing: 0
    case .overdue: 1
    case .runningLong: 2
    case .retrying: 3
    case .running: 4
    case .ok: 5
    }
  }

  private func serviceSnapshot(_ s: ServiceTracker, now: EpochSeconds, window w: Double)
    -> ServiceSnapshot
  {
    var stats = s.stats(window: w, now: now)
    var numbersFrom = "access log"
    let fromMetrics = metrics[s.name].flatMap {
      $0.serviceStats(window: w, now: now, names: metricNames[s.name] ?? MetricNames())
    }
    if let m = fromMetrics {
      if s.lastRequestAt == nil, let converted = RequestStats(metrics: m, now: now, window: w) {
        stats = converted
        numbersFrom = "metrics"
      } else {
        numbersFrom = "access log; metrics also read"
      }
    }
    let baseline = s.stats(from: now - w - 3600, to: now - w)
    let minutes = (0..<Int(w / 60)).map { i in
      s.stats(from: now - Double(i + 1) * 60, to: now - Double(i) * 60)
    }
    let input = VerdictRules.Input(
      window: stats, baseline: baseline, recentMinutes: minutes, lastRequestAt: s.lastRequestAt,
      lastErrorAt: s.lastErrorAt, lastErrorStatus: s.lastErrorStatus, recentHealth: s.recentHealth,
      metricsUp: fromMetrics?.up, now: now, offsetSeconds: offsetSeconds)
    let verdict = VerdictRules.evaluate(input, thresholds: s.thresholds)
    var routes = s.routeStats(window: w, now: now).map {
      RouteSnapshot(route: $0.route, stats: $0.stats)
    }
    if numbersFrom == "metrics", let m = fromMetrics {
      routes = m.routes.compactMap { r in
        let single = MetricsServiceStats(
          from: m.from, to: m.to, requests: r.requests, rps: r.rps,
          statusClasses: [
            "5xx": (r.errorRate ?? 0) * r.requests, "2xx": (1 - (r.errorRate ?? 0)) * r.requests,
          ],
          errorRate: r.errorRate, p50Ms: r.p50Ms, p95Ms: r.p95Ms, p99Ms: r.p99Ms, routes: [])
        return RequestStats(metrics: single, now: now, window: w).map {
          RouteSnapshot(route: r.route, stats: $0)
        }
      }
    }
    // Ties by name: the model's route order is first-seen order, which a read on several threads
    // does not keep.
    routes.sort { ($1.stats.requests, $0.route) < ($0.stats.requests, $1.route) }
    return ServiceSnapshot(
      name: s.name, verdict: verdict, stats: stats, routes: routes,
      sparkline: s.series(window: w, now: now, points: 30), lastRequestAt: s.lastRequestAt,
      recentErrors: s.recentErrors.items.filter { $0.time >= now - w }.reversed(),
      slowest: s.slowest.items.filter { $0.time >= now - w }.sorted(by: Self.slowerFirst),
      numbersFrom: numbersFrom, thresholds: s.thresholds)
  }
}

extension Monitor {
  /// `r`: forget request, job and error history (deploys are kept: they are facts, not counters).
  public func reset() {
    generation += 1
    trackers = trackers.map {
      ServiceTracker(name: $0.name, thresholds: thresholds[$0.name] ?? defaultThresholds)
    }
    jobs = [:]
    signatures = ErrorSignatures()
  }
}
