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
  /// Requests an application logged about itself (JSON request records), per service. They
  /// stand in for a service's traffic only when no access log feeds it (`servicesWithAccessLogs`):
  /// decided when a snapshot is taken, so the order files are read in cannot count a request twice.
  public internal(set) var appRecordTrackers: [ServiceTracker] = []
  private var appRecordIndex: [String: Int] = [:]
  /// Services an access log (or a server's request log) feeds.
  public private(set) var servicesWithAccessLogs: Set<String> = []
  /// Some source names its host: every request then also counts on its host's row (sources
  /// without one on `HostBreakdown.localHost`), so a service's host rows add up to it. Off, the
  /// hot path pays one branch.
  public var hostsInUse = false
  /// Per service, the hosts config says serve it (`hosts = ["web*"]`, groups expanded): each is
  /// shown, and missed, even before any source of it answers.
  public var expectedHosts: [String: [String]] = [:]
  public var services: [String: ServiceTracker] {
    Dictionary(uniqueKeysWithValues: trackers.map { ($0.name, $0) })
  }
  public internal(set) var jobs: [String: JobTracker] = [:]
  /// Past this many job names the least recently active are retired into `retiredJobs` (a tenth
  /// at a time): 100k `session-N.scope` names in a syslog held 365 MB as rows of their own.
  public static let maxJobs = 500
  /// The retired jobs' counts: `(other jobs)`.
  public private(set) var retiredJobs = RetiredJobs()
  public internal(set) var signatures = ErrorSignatures()
  public private(set) var deploys: [DeployEvent] = []
  /// Per service, from its Prometheus metrics files.
  public internal(set) var metrics: [String: MetricsTracker] = [:]
  public var metricNames: [String: MetricNames] = [:]
  /// Per service, the latest round of Prometheus queries (`Monitor+Prometheus.swift`).
  public var prometheus: [String: PrometheusReading] = [:]
  /// Per service, `source` in config: which numbers win when both a log and Prometheus have them.
  public var numbersSources: [String: NumbersSource] = [:]
  public private(set) var eventsIngested = 0
  /// Moves on every `reset()` and when route rows were freed, so holders of tracker and route
  /// positions know to look them up again.
  public private(set) var generation = 0
  /// The newest event time seen, so a snapshot can tell whether the data is current.
  public private(set) var newestEventAt: EpochSeconds?
  /// The oldest request, log or job event (deploys excluded: a deploy log reaches back further).
  public private(set) var oldestEventAt: EpochSeconds?
  /// The newest event when the counters were last reset (`r`): the data counted starts there.
  public private(set) var resetAt: EpochSeconds?

  /// Where the counted data starts: rates are over the time the data covers, not the whole
  /// window (30 s of data at 10 rps is 10 rps, not 1 rps over a 5-minute window).
  public var coverageStart: EpochSeconds? {
    guard let oldest = oldestEventAt else { return resetAt }
    return Swift.max(oldest, resetAt ?? oldest)
  }

  private func isDeploy(_ e: Event) -> Bool {
    if case .deploy = e { return true }
    return false
  }
  public var analyzer = DeployAnalyzer()
  /// The deploy gate's settings (the watch's length: `check --watch`).
  public var gateSettings = DeployGate()
  /// For `--at`: events after this moment are not counted, as if the logs ended there.
  public var ignoreAfter: EpochSeconds?
  /// Events stamped later than this are refused as from the future (`FutureHorizon`); the
  /// pipeline moves it on with its clock before each read.
  public var futureLimit: EpochSeconds = .infinity

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

  /// Where a source's decoder sends the requests of `service` (see `RequestSink`). An access log's
  /// sink makes the service one with an access log; an app log's (`appRecords`) feeds the
  /// service's app-record tracker instead.
  public func requestSink(service: String?, appRecords: Bool = false, host: String? = nil)
    -> RequestSink
  {
    let name = service ?? "web"
    if !appRecords { servicesWithAccessLogs.insert(name) }
    return RequestSink(monitor: self, service: name, appRecords: appRecords, host: host)
  }

  /// The app-record tracker of `name`, made on its first request.
  func declareAppRecordService(_ name: String) -> Int {
    if let i = appRecordIndex[name] { return i }
    appRecordTrackers.append(
      ServiceTracker(name: name, thresholds: thresholds[name] ?? defaultThresholds))
    appRecordIndex[name] = appRecordTrackers.count - 1
    return appRecordTrackers.count - 1
  }

  /// The request trackers a snapshot shows: each service's access-log tracker, or, for a service
  /// no access log feeds, the requests its application logged.
  func shownTrackers() -> [ServiceTracker] {
    guard !appRecordTrackers.isEmpty else { return trackers }
    var shown = trackers.map { tracker in
      guard !servicesWithAccessLogs.contains(tracker.name),
        let i = appRecordIndex[tracker.name], appRecordTrackers[i].totalRequests > 0
      else { return tracker }
      return appRecordTrackers[i]
    }
    for tracker in appRecordTrackers
    where trackerIndex[tracker.name] == nil && !servicesWithAccessLogs.contains(tracker.name) {
      shown.append(tracker)
    }
    return shown
  }

  /// An empty monitor with the same settings, for a second decoding thread to fill.
  public func shard() -> Monitor {
    let m = Monitor(
      thresholds: thresholds, jobExpectations: jobExpectations, offsetSeconds: offsetSeconds)
    m.defaultThresholds = defaultThresholds
    m.hostsInUse = hostsInUse
    m.ignoreAfter = ignoreAfter
    m.futureLimit = futureLimit
    return m
  }

  /// Folds in the requests a shard counted (see `shard()`), an application's own records of
  /// them included; shards only ever hold requests, and events that only count (`onlyCounts`).
  public func absorbRequests(from shard: Monitor) {
    for tracker in shard.trackers where tracker.totalRequests > 0 {
      trackers[declareService(tracker.name)].absorb(tracker)
    }
    for tracker in shard.appRecordTrackers where tracker.totalRequests > 0 {
      appRecordTrackers[declareAppRecordService(tracker.name)].absorb(tracker)
    }
    eventsIngested += shard.eventsIngested
    if let t = shard.newestEventAt, newestEventAt == nil || t > newestEventAt! { newestEventAt = t }
    if let t = shard.oldestEventAt, oldestEventAt == nil || t < oldestEventAt! { oldestEventAt = t }
    shard.reset()
    shard.eventsIngested = 0
    shard.newestEventAt = nil
    shard.oldestEventAt = nil
  }

  /// Where a `RequestSink` delivers: the time checks every event gets, then the tracker. False
  /// when the request is stamped in the future (see `futureLimit`) and was left out.
  @inline(__always)
  func record(
    time: EpochSeconds, status: Int, durationMs: Double?, tracker: Int, appRecords: Bool,
    route: Int, host: Int = -1, isHealthCheck: Bool, details: () -> Request
  ) -> Bool {
    switch admit(time, isDeploy: false) {
    case .future: return false
    case .afterAt: return true
    case .counted:
      guard !appRecords else {
        recordAppRecord(
          time: time, status: status, durationMs: durationMs, tracker: tracker, route: route,
          host: host, isHealthCheck: isHealthCheck, details: details)
        return true
      }
      // One call site, inlined: the access-log hot path (a second one made the compiler outline
      // the tracker's record, 10% of a headless read).
      trackers[tracker].record(
        time: time, status: status, durationMs: durationMs, route: route, host: host,
        isHealthCheck: isHealthCheck, details: details)
      return true
    }
  }

  /// The app-record path, kept out of line: a few requests per app-log line at most.
  @inline(never)
  private func recordAppRecord(
    time: EpochSeconds, status: Int, durationMs: Double?, tracker: Int, route: Int, host: Int,
    isHealthCheck: Bool, details: () -> Request
  ) {
    appRecordTrackers[tracker].record(
      time: time, status: status, durationMs: durationMs, route: route, host: host,
      isHealthCheck: isHealthCheck, details: details)
  }

  /// Once a minute of log time: services whose route table is full free the rows of routes idle
  /// past their ring (`ServiceTracker.freeIdleRoutes`), and every sink asks for its route
  /// positions again, so a route counted under `(other)` can take a freed row.
  @inline(never)
  private func freeIdleRoutes(now: EpochSeconds) {
    guard now.isFinite, now <= futureLimit else { return }
    nextRouteSweepAt = now + ServiceTracker.routeSlotSeconds
    var freed = false
    for i in trackers.indices where trackers[i].freeIdleRoutes() { freed = true }
    for i in appRecordTrackers.indices where appRecordTrackers[i].freeIdleRoutes() { freed = true }
    if freed { generation += 1 }
  }

  private var nextRouteSweepAt = -EpochSeconds.infinity

  /// `generation`, after freeing idle route rows when a minute of log time has passed: a sink
  /// asks before it looks up a route's position, so it never uses the position of a freed row.
  @inline(__always)
  func generation(before time: EpochSeconds) -> Int {
    if time >= nextRouteSweepAt { freeIdleRoutes(now: time) }
    return generation
  }

  func routeSlot(tracker: Int, appRecords: Bool, key: ServiceTracker.RouteKey) -> Int {
    appRecords
      ? appRecordTrackers[tracker].routeSlot(for: key) : trackers[tracker].routeSlot(for: key)
  }

  /// The position of `host`'s row in a service's tracker (see `ServiceTracker.hostSlot`).
  func hostSlot(tracker: Int, appRecords: Bool, host: String) -> Int {
    appRecords
      ? appRecordTrackers[tracker].hostSlot(for: host) : trackers[tracker].hostSlot(for: host)
  }

  func healthPath(tracker: Int, appRecords: Bool) -> String? {
    (appRecords ? appRecordTrackers[tracker] : trackers[tracker]).thresholds.healthPath
  }

  /// What `admit` decided about an event's time.
  enum Admission {
    case counted
    /// After `--at`: left out, as if the logs ended there.
    case afterAt
    /// Beyond `futureLimit` (or no time at all, NaN): left out and counted on its source.
    case future
  }

  /// Counts an event and moves the newest/oldest marks, unless its time keeps it out.
  @inline(__always)
  private func admit(_ t: EpochSeconds, isDeploy: Bool) -> Admission {
    // Written so that NaN fails it too: a time that is no time must not reach the ring.
    guard t <= futureLimit else { return .future }
    if let limit = ignoreAfter, t > limit { return .afterAt }
    eventsIngested += 1
    if t.isFinite, newestEventAt == nil || t > newestEventAt! { newestEventAt = t }
    if t.isFinite, !isDeploy, oldestEventAt == nil || t < oldestEventAt! {
      oldestEventAt = t
    }
    return .counted
  }

  /// Adds an event to the model. False when it is stamped in the future and was left out, for the
  /// caller to count on its source.
  @discardableResult
  public func ingest(_ event: Event, service: String?, host: String? = nil) -> Bool {
    switch admit(event.time, isDeploy: isDeploy(event)) {
    case .future: return false
    case .afterAt: return true
    case .counted:
      add(event, service: service, host: host ?? (hostsInUse ? HostBreakdown.localHost : nil))
      return true
    }
  }

  /// Whether ingesting `event` only counts it (its time, as every event's is): nothing else of
  /// it is kept, so a shard may take it in any order and the merge is exact (a log record below
  /// error). Must agree with `add`.
  public static func onlyCounts(_ event: Event) -> Bool {
    if case .log(let record) = event { return record.level < keptLogLevel }
    return false
  }

  /// Log records from this level up are kept (as error signatures); of lesser ones only their
  /// time counts, so decoders may leave out their text (`DecoderOptions.recordTextFrom`).
  public static let keptLogLevel = LogLevel.error

  private func add(_ event: Event, service: String?, host: String?) {
    switch event {
    case .log(let record):
      guard record.level >= Self.keptLogLevel else { return }
      signatures.record(log: record, origin: ErrorOrigin(service: service), host: host)
    case .job(let j):
      if jobs[j.name] == nil {
        retireIdleJobs(now: j.time)
        if jobs.count >= Self.maxJobs { retireJobs() }
      }
      jobs[j.name, default: JobTracker(name: j.name)].record(j, host: host)
      if j.phase == .failed {
        let ex = j.exception ?? ExceptionInfo(type: "JobFailed", message: j.detail ?? j.name)
        signatures.record(ex, at: j.time, origin: ErrorOrigin(job: j.name), host: host)
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
        ingest(.deploy(d), service: name, host: host)
      }
    }
  }

  /// A one-off job name (no schedule configured or inferred, not running) idle for longer than
  /// any window counts retires: it has nothing left to count. Swept when a new name comes, at
  /// most every few minutes of log time.
  private func retireIdleJobs(now: EpochSeconds) {
    guard now.isFinite, now - lastIdleSweepAt >= Self.idleSweepSeconds else { return }
    lastIdleSweepAt = now
    let idleBefore = now - JobOutcomeLog.horizonSeconds
    let idle = jobs.values.filter { job in
      job.lastActiveAt < idleBefore && job.inferredEverySeconds == nil
        && job.runs.last?.outcome != .running
        && !jobExpectations.contains { $0.matches(job.name) }
    }.map(\.name)
    for name in idle {
      if let job = jobs.removeValue(forKey: name) { retiredJobs.retire(job) }
    }
  }

  static let idleSweepSeconds = 300.0
  private var lastIdleSweepAt = -EpochSeconds.infinity

  /// Makes room for a new job name: a tenth of the table goes, one-off names (no schedule
  /// configured or inferred) before scheduled ones, least recently active first. A configured job
  /// never goes: the config bounds those. Its counts stay in `retiredJobs`.
  private func retireJobs() {
    let candidates = jobs.values.filter { job in
      !jobExpectations.contains { $0.matches(job.name) }
    }.map { job in
      (scheduled: job.inferredEverySeconds == nil ? 0 : 1, active: job.lastActiveAt, name: job.name)
    }.sorted { ($0.scheduled, $0.active, $0.name) < ($1.scheduled, $1.active, $1.name) }
    for c in candidates.prefix(Swift.max(1, Self.maxJobs / 10)) {
      if let job = jobs.removeValue(forKey: c.name) { retiredJobs.retire(job) }
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
    let trackers = shownTrackers()
    let latest = latestDeploy(before: now)
    let layers = TrafficLayers.pairs(trackers, now: now)
    let delta = latest.map { deployDelta(for: $0, now: now, layers: layers) }
    let serviceSnapshots = trackers.sorted { $0.name < $1.name }.filter {
      layers[$0.name] == nil
    }.map {
      var snapshot = readSnapshot($0, now: now, window: w)
      if let app = layers.first(where: { $0.value == snapshot.name })?.key,
        let tracker = trackers.first(where: { $0.name == app })
      {
        snapshot.appLayer = AppLayer(
          name: app, stats: Self.clipped(tracker.stats(window: w, now: now), to: coverageStart))
      }
      if let delta {
        snapshot.verdict = Self.withRouteRegressions(
          snapshot.verdict, delta, service: $0.name, now: now, window: w)
      }
      snapshot.hosts = hostSnapshots($0, stats: snapshot.stats, sources: sources, now: now, w: w)
      snapshot.verdict = HostBreakdown.verdict(snapshot.verdict, hosts: snapshot.hosts)
      return snapshot
    }
    var jobSummaries = jobs.values.map { tracker in
      tracker.summary(
        window: w, now: now, expectation: jobExpectations.first { $0.matches(tracker.name) },
        deployAt: latest?.time)
    }.sorted(by: Self.jobOrder)
    // Last, whatever its status: it names no job to look into, only counts.
    if let other = retiredJobs.summary(window: w, now: now, deployAt: latest?.time) {
      jobSummaries.append(other)
    }
    var snapshot = Snapshot(
      now: now, window: window, services: serviceSnapshots, jobs: jobSummaries,
      errors: signatures.active(since: now - w), deploy: delta,
      deploys: deploys.filter { $0.time <= now }, sources: sources, offsetSeconds: offsetSeconds)
    snapshot.gate = latest.map { gate(for: $0, now: now, layers: layers) }
    return snapshot
  }

  /// The deploy gate's state for one deploy (or any moment, as a deploy without a version:
  /// `check --watch --since`), as of `now`.
  public func gate(for d: DeployEvent, now: EpochSeconds) -> DeployGateState {
    gate(for: d, now: now, layers: TrafficLayers.pairs(shownTrackers(), now: now))
  }

  func gate(for d: DeployEvent, now: EpochSeconds, layers: [String: String]) -> DeployGateState {
    let (previous, next, relevant) = comparisonScope(for: d, now: now, layers: layers)
    let inputs = DeployGate.Inputs(
      requestBucket: { from, to in
        var total = RequestBucket()
        for s in relevant { total.add(self.requestBucket(s, from: from, to: to)) }
        return total
      },
      routeBuckets: { from, to in
        relevant.flatMap { s in
          s.routeBuckets(from: from, to: to).map {
            (service: s.name, route: $0.route, bucket: $0.bucket)
          }
        }
      },
      jobCounts: { from, to in
        self.jobs.values.sorted { $0.name < $1.name }.map { job in
          let c = job.outcomes.counts(from: from, to: to)
          return (job: job.name, runs: c.runs, failures: c.failures)
        }
      }, signatures: Array(signatures.byKey.values), dataStart: dataSpan(relevant).start,
      dataEnd: dataSpan(relevant).end)
    return gateSettings.evaluate(
      deploy: d, previous: previous, next: next, now: now, inputs: inputs)
  }

  /// The deploys around `d` that bound its comparison, and the trackers it covers.
  private func comparisonScope(for d: DeployEvent, now: EpochSeconds, layers: [String: String])
    -> (previous: DeployEvent?, next: DeployEvent?, trackers: [ServiceTracker])
  {
    // Restarts (a worker booting) neither bound nor start a comparison: they are too frequent.
    let sameService = { (e: DeployEvent) in
      e.kind != .restart && (d.service == nil || e.service == nil || e.service == d.service)
    }
    let previous = deploys.last { $0.time < d.time && sameService($0) }
    let next = deploys.first { $0.time > d.time && $0.time <= now && sameService($0) }
    let target = d.service.map { layers[$0] ?? $0 }
    let relevant = shownTrackers().filter {
      layers[$0.name] == nil
        && (target == nil || trackerIndex[target!] == nil || $0.name == target)
    }
    return (previous, next, relevant)
  }

  public func deployDelta(for d: DeployEvent, now: EpochSeconds) -> DeployDelta {
    deployDelta(for: d, now: now, layers: TrafficLayers.pairs(shownTrackers(), now: now))
  }

  /// `layers`: app-layer services (same requests as their front) are left out, so a deploy of the
  /// whole box does not count every request twice.
  func deployDelta(for d: DeployEvent, now: EpochSeconds, layers: [String: String]) -> DeployDelta {
    let (previous, next, relevant) = comparisonScope(for: d, now: now, layers: layers)
    var inputs = DeployAnalyzer.Inputs(
      requestBucket: { from, to in
        var total = RequestBucket()
        for s in relevant { total.add(self.requestBucket(s, from: from, to: to)) }
        return total
      },
      jobCounts: { from, to in
        let retired = self.retiredJobs.outcomes.counts(from: from, to: to)
        return self.jobs.values.reduce(into: retired) { total, job in
          let c = job.outcomes.counts(from: from, to: to)
          total.runs += c.runs
          total.failures += c.failures
        }
      }, signatures: Array(signatures.byKey.values),
      dataStart: dataSpan(relevant).start, dataEnd: dataSpan(relevant).end)
    inputs.routeBuckets = { from, to in
      relevant.flatMap { s in
        s.routeBuckets(from: from, to: to).map {
          (service: s.name, route: $0.route, bucket: $0.bucket)
        }
      }
    }
    var delta = analyzer.delta(for: d, previous: previous, next: next, now: now, inputs: inputs)
    delta.isLatest = latestDeploy(before: now) == d
    return delta
  }

  /// A service the numbers call UP is not UP when one of its routes got significantly worse at the
  /// latest deploy and that comparison reaches into the window: a route five times slower can hide
  /// behind a slow, steady one in the service-wide p95. A service already SLOW keeps its verdict,
  /// with the route named first: it is the lead an engineer follows.
  static func withRouteRegressions(
    _ verdict: VerdictWithReason, _ d: DeployDelta, service: String, now: EpochSeconds,
    window: Double
  ) -> VerdictWithReason {
    guard verdict.verdict == .up || verdict.verdict == .slow, d.after.to >= now - window else {
      return verdict
    }
    let worse = d.routeRegressions.filter { $0.service == service }
    let version = d.deploy.version ?? "the deploy"
    var found: VerdictWithReason?
    if let text = worse.lazy.compactMap({ $0.errorRegressionText() }).first {
      found = VerdictWithReason(.degraded, text + " since \(version)")
    } else if let text = worse.lazy.compactMap({ $0.latencyRegressionText() }).first {
      found = VerdictWithReason(.slow, text + " since \(version)")
    }
    guard let found else { return verdict }
    if verdict.verdict == .up { return found }
    return VerdictWithReason(
      Swift.max(found.verdict, verdict.verdict), found.reason + "; " + verdict.reason)
  }

  /// A service's host rows over the window, each clipped as the service's stats are.
  private func hostSnapshots(
    _ s: ServiceTracker, stats: RequestStats, sources: [SourceHealth], now: EpochSeconds,
    w: Double
  ) -> [HostSnapshot] {
    let rows = s.hostStats(window: w, now: now).map {
      HostBreakdown.HostRow(
        name: $0.host, stats: Self.clipped($0.stats, to: coverageStart),
        lastRequestAt: $0.lastRequestAt)
    }
    return HostBreakdown.hosts(
      service: s.name, rows: rows, sources: sources, expected: expectedHosts[s.name] ?? [],
      window: (stats.from, stats.to))
  }

  /// Stats whose span starts no earlier than the data does.
  static func clipped(_ stats: RequestStats, to start: EpochSeconds?) -> RequestStats {
    guard let start, start > stats.from else { return stats }
    var clipped = stats
    // At least a second, so one request at the very start is not a rate of millions.
    clipped.from = Swift.min(start, stats.to - 1)
    return clipped
  }

  /// Slowest first, in the same strict order the list keeps them by.
  static func slowerFirst(_ a: Request, _ b: Request) -> Bool {
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

  private func readSnapshot(_ s: ServiceTracker, now: EpochSeconds, window w: Double)
    -> ServiceSnapshot
  {
    var stats = Self.clipped(s.stats(window: w, now: now), to: coverageStart)
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
    let share = prometheusShare(
      tracker: s, stats: stats, numbersFrom: numbersFrom, now: now, window: w)
    if let share {
      stats = share.stats
      numbersFrom = share.numbersFrom
    }
    let baseline = s.stats(from: now - w - 3600, to: now - w)
    let minutes = (0..<Swift.max(0, Int(saturating: w / 60))).map { i in
      s.stats(from: now - Double(i + 1) * 60, to: now - Double(i) * 60)
    }
    var input = VerdictRules.Input(
      window: stats, baseline: baseline, recentMinutes: minutes, lastRequestAt: s.lastRequestAt,
      lastErrorAt: s.lastErrorAt, lastErrorStatus: s.lastErrorStatus, recentHealth: s.recentHealth,
      metricsUp: share?.up ?? fromMetrics?.up, now: now, offsetSeconds: offsetSeconds)
    if share?.routes != nil {
      // Prometheus's counts: the log's minutes and last request say nothing about them.
      input.lastRequestAt = share?.lastRequestAt
      input.recentMinutes = []
      input.baseline = RequestStats(bucket: RequestBucket(), from: now - w - 3600, to: now - w)
    }
    var verdict = VerdictRules.evaluate(input, thresholds: s.thresholds)
    if let failure = share?.failure, stats.requests == 0 {
      verdict = VerdictWithReason(.unknown, failure)
    }
    var routes = s.routeStats(window: w, now: now).map {
      RouteSnapshot(route: $0.route, stats: Self.clipped($0.stats, to: coverageStart))
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
    if let r = share?.routes { routes = r }
    // Ties by name: the model's route order is first-seen order, which a read on several threads
    // does not keep.
    routes.sort { ($1.stats.requests, $0.route) < ($0.stats.requests, $1.route) }
    var snapshot = ServiceSnapshot(
      name: s.name, verdict: verdict, stats: stats, routes: routes,
      sparkline: share?.sparkline ?? s.series(window: w, now: now, points: 30),
      lastRequestAt: share?.routes != nil ? share?.lastRequestAt : s.lastRequestAt,
      recentErrors: s.recentErrors.items.filter { $0.time >= now - w }.reversed(),
      slowest: s.slowest.items.filter { $0.time >= now - w }.sorted(by: Self.slowerFirst),
      numbersFrom: numbersFrom, thresholds: s.thresholds)
    // The chart is of the log's own requests; Prometheus's or a metrics file's have no steps here.
    if numbersFrom != "metrics" && share?.routes == nil && stats.requests > 0 {
      snapshot.timeline = s.timeline(
        window: w, now: now, maxPoints: ServiceSnapshot.timelinePoints
      ).map { point in
        var point = point
        // Before the lines read begin, an empty step is not a quiet one: nothing was read there.
        if let start = coverageStart, point.to <= start { point.covered = false }
        return point
      }
    }
    snapshot.numberSources =
      share?.sources
      ?? NumberSources(
        requests: stats.requests > 0 || s.lastRequestAt != nil ? numbersFrom : nil,
        latency: stats.p95Ms == nil ? nil : numbersFrom,
        up: fromMetrics?.up == nil ? nil : "metrics")
    return snapshot
  }
}

extension Monitor {
  /// `r`: forget request, job and error history (deploys are kept: they are facts, not counters).
  public func reset() {
    generation += 1
    resetAt = newestEventAt
    trackers = trackers.map {
      ServiceTracker(name: $0.name, thresholds: thresholds[$0.name] ?? defaultThresholds)
    }
    appRecordTrackers = appRecordTrackers.map {
      ServiceTracker(name: $0.name, thresholds: thresholds[$0.name] ?? defaultThresholds)
    }
    jobs = [:]
    retiredJobs = RetiredJobs()
    lastIdleSweepAt = -.infinity
    signatures = ErrorSignatures()
  }
}
