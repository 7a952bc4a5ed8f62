import Glibc

/// The deploy gate: a sequential test of the time since a deploy against the time before it,
/// re-run at every look (each 10 s request slot of data since the deploy), stopping at the first
/// look where a test reaches its threshold. Looks sit on the data's own 10 s grid, so the same
/// data gives the same looks and the same verdict to the screen and to `check --watch`, however
/// often either asks.
///
/// The tests (thresholds in `GateBudget`, statistic in `MixtureLikelihoodRatio`):
/// - the error rate (5xx among requests);
/// - p50, p95 and p99 latency, as the share of requests above the *before* quantile (the
///   exceedance idea of the fixed deploy comparison);
/// - each route's p95 and error rate, on its minute slots, Bonferroni-shared;
/// - each job's failure rate against its last hour before the deploy, or against a healthy job's
///   baseline (under 1 % of runs failing) when it has too few runs before;
/// - error signatures first seen since the deploy, by the exact conditional test: had the error
///   existed before at its rate since, all of its `k` occurrences falling after the deploy has
///   chance `(t/(H+t))^k` (`H` history before, `t` time since).
public struct DeployGate: Sendable {
  /// The before side for requests: up to 10 minutes, cut at the previous deploy or the start of
  /// the data.
  public var beforeSpan: Double = 10 * 60
  /// Jobs run less often than requests come: their before side reaches back an hour.
  public var jobBeforeSpan: Double = 60 * 60
  /// How long after the deploy the watch lasts.
  public var horizon: Double = 10 * 60
  /// Below this much data before the deploy, the request tests cannot be judged.
  public var minimumBefore: Double = 60
  /// Requests each side before the error rate or a quantile is judged.
  public var minimumRequests = 50
  /// A signature is a regression only once it has happened this often since the deploy.
  public static let minimumNewErrorOccurrences = 5
  /// Fewer job runs before than this, none failed: the job is judged against `healthyJobBaseline`.
  public static let minimumJobRunsBefore = 20
  /// A healthy job's baseline: as if it had run 100 times before without failing (Jeffreys
  /// posterior Beta(½, 100½), a failure rate most likely under 1 %).
  public static let healthyJobBaseline = (a: 0.5, b: 100.5)
  public static let lookSeconds = ServiceTracker.serviceSlotSeconds
  /// How far behind the clock lines may still arrive for a slot.
  public static let lateLines = 2.0

  public init() {}

  public struct Inputs {
    public var requestBucket: (EpochSeconds, EpochSeconds) -> RequestBucket
    public var routeBuckets:
      (EpochSeconds, EpochSeconds) -> [(service: String, route: String, bucket: RequestBucket)]
    /// Runs and failures that ended in a span, per job.
    public var jobCounts: (EpochSeconds, EpochSeconds) -> [(job: String, runs: Int, failures: Int)]
    public var signatures: [ErrorSignature]
    public var dataStart: EpochSeconds?
    public var dataEnd: EpochSeconds?

    public init(
      requestBucket: @escaping (EpochSeconds, EpochSeconds) -> RequestBucket,
      routeBuckets:
        @escaping (EpochSeconds, EpochSeconds) -> [(
          service: String, route: String, bucket: RequestBucket
        )] = { _, _ in [] },
      jobCounts:
        @escaping (EpochSeconds, EpochSeconds) -> [(
          job: String, runs: Int, failures: Int
        )] = { _, _ in [] },
      signatures: [ErrorSignature] = [], dataStart: EpochSeconds?, dataEnd: EpochSeconds?
    ) {
      self.requestBucket = requestBucket
      self.routeBuckets = routeBuckets
      self.jobCounts = jobCounts
      self.signatures = signatures
      self.dataStart = dataStart
      self.dataEnd = dataEnd
    }
  }

  /// Every look from the deploy up to `now` (and the data's end, the next deploy and the end of
  /// the watch), stopping at the first that finds a regression.
  public func evaluate(
    deploy: DeployEvent, previous: DeployEvent?, next: DeployEvent?, now: EpochSeconds,
    inputs: Inputs
  ) -> DeployGateState {
    let slot = Self.lookSeconds
    let start = Swift.max(
      deploy.time - beforeSpan, previous?.time ?? -.infinity, inputs.dataStart ?? -.infinity)
    let before = TimeSpan(
      from: (start / slot).rounded(.up) * slot, to: (deploy.time / slot).rounded(.down) * slot)
    let afterStart = (deploy.time / slot).rounded(.up) * slot
    let watchEnd = deploy.time + horizon
    // A slot is looked at once the data has passed its end, or once the clock is `lateLines`
    // past it: a service with no lines for a while (a job that runs every 30 s) still gets its
    // looks, and a writer a second behind does not lose its lines to a look taken too early.
    let readable = Swift.max(inputs.dataEnd ?? now, now - Self.lateLines)
    let end = Swift.min(now, readable, next?.time ?? .infinity, watchEnd)
    let history = inputs.dataStart.map { Swift.max(0, deploy.time - $0) } ?? before.seconds
    let baseline = Baseline(
      before: before, beforeBucket: inputs.requestBucket(before.from, before.to),
      judgeRequests: before.seconds >= minimumBefore, history: history,
      jobs: Dictionary(
        inputs.jobCounts(
          Swift.max(deploy.time - jobBeforeSpan, previous?.time ?? -.infinity), deploy.time
        ).map { ($0.job, (runs: $0.runs, failures: $0.failures)) }, uniquingKeysWith: { a, _ in a }),
      routes: routeBaseline(before, inputs: inputs))

    var state = DeployGateState(
      deploy: deploy, previous: previous,
      sides: .beforeAfter(before: before, afterStart: afterStart), horizon: horizon, looks: 0,
      lastLookAt: nil, elapsed: 0, verdict: .watching, reason: "", decidedAt: nil, evidence: [],
      beforeRequests: baseline.beforeBucket.requests, afterRequests: 0,
      beforeJobRuns: baseline.jobs.values.reduce(0) { $0 + $1.runs }, afterJobRuns: 0)
    var after = RequestBucket()
    var routeAfter: (to: EpochSeconds, list: [String: RequestBucket]) = (afterStart, [:])
    var look = afterStart + slot
    while look <= end {
      after.add(inputs.requestBucket(look - slot, look))
      let minute =
        (look / ServiceTracker.routeSlotSeconds).rounded(.down)
        * ServiceTracker.routeSlotSeconds
      if minute > routeAfter.to {
        routeAfter = (minute, routeBuckets(deploy.time, minute, inputs: inputs))
      }
      let jobs = inputs.jobCounts(deploy.time, look)
      state.looks += 1
      state.lastLookAt = look
      state.elapsed = look - deploy.time
      state.afterRequests = after.requests
      state.afterJobRuns = jobs.reduce(0) { $0 + $1.runs }
      state.evidence = tests(
        baseline, after: after, routes: routeAfter.list, jobs: jobs, signatures: inputs.signatures,
        deploy: deploy.time, look: look)
      if let found = state.evidence.first, found.crossed {
        state.verdict = .regression
        state.decidedAt = look
        state.reason =
          "\(found.summary) after \(Formatting.duration(look - deploy.time))"
        return state
      }
      look += slot
    }
    let finished = now >= watchEnd || (next.map { $0.time <= now } ?? false)
    let missing = state.evidence.filter { !$0.judged && Self.isMain($0.metric) }
    if !finished {
      state.reason =
        "watching: \(Formatting.duration(state.elapsed)) of \(Formatting.duration(horizon)), "
        + "nothing significant yet"
    } else if state.evidence.contains(where: \.judged) && missing.isEmpty {
      state.verdict = .clean
      state.reason =
        "no significant change in \(Formatting.duration(state.elapsed)) since the deploy "
        + "(\(state.looks) looks)"
    } else {
      state.verdict = .inconclusive
      let why = missing.first?.note ?? "no requests or job runs to judge"
      state.reason =
        "inconclusive after \(Formatting.duration(state.elapsed)): \(why)"
    }
    return state
  }

  /// The metrics a clean verdict needs judged: the service's error rate and p95.
  static func isMain(_ metric: String) -> Bool { metric == "error_rate" || metric == "p95_ms" }

  struct Baseline {
    var before: TimeSpan
    var beforeBucket: RequestBucket
    var judgeRequests: Bool
    var history: Double
    var jobs: [String: (runs: Int, failures: Int)]
    var routes: [String: RequestBucket]
  }

  private func routeBaseline(_ before: TimeSpan, inputs: Inputs) -> [String: RequestBucket] {
    let m = ServiceTracker.routeSlotSeconds
    let from = (before.from / m).rounded(.up) * m
    let to = (before.to / m).rounded(.down) * m
    return to > from ? routeBuckets(from, to, inputs: inputs) : [:]
  }

  private func routeBuckets(_ from: EpochSeconds, _ to: EpochSeconds, inputs: Inputs)
    -> [String: RequestBucket]
  {
    var list: [String: RequestBucket] = [:]
    for r in inputs.routeBuckets(from, to) {
      list[r.service == "" ? r.route : "\(r.service) \(r.route)", default: RequestBucket()].add(
        r.bucket)
    }
    return list
  }

  func tests(
    _ base: Baseline, after: RequestBucket, routes: [String: RequestBucket],
    jobs: [(job: String, runs: Int, failures: Int)], signatures: [ErrorSignature],
    deploy: EpochSeconds, look: EpochSeconds
  ) -> [GateEvidence] {
    var out: [GateEvidence] = []
    let tooShort =
      base.judgeRequests
      ? nil : "only \(Formatting.duration(base.before.seconds)) of data before the deploy"
    out.append(
      errorRate(
        "error_rate", base.beforeBucket, after, alpha: GateBudget.errorRate, blocked: tooShort))
    for q in [50.0, 95.0, 99.0] {
      out.append(
        latency(
          q, "p\(Int(saturating: q))_ms", base.beforeBucket, after,
          alpha: GateBudget.latencyQuantile, blocked: tooShort))
    }
    let tested = base.routes.filter { $0.value.latency.count >= minimumRequests }.keys.sorted()
    let routeAlpha = GateBudget.routes / Double(Swift.max(1, 2 * tested.count))
    for key in tested {
      let a = routes[key] ?? RequestBucket()
      out.append(
        latency(
          95, "route \(key) p95_ms", base.routes[key]!, a, alpha: routeAlpha, blocked: tooShort))
      out.append(
        errorRate(
          "route \(key) error_rate", base.routes[key]!, a, alpha: routeAlpha, blocked: tooShort))
    }
    let ran = jobs.filter { $0.runs > 0 }
    for job in ran {
      out.append(
        jobTest(job, before: base.jobs[job.job], alpha: GateBudget.jobs / Double(ran.count)))
    }
    out += newErrors(signatures, deploy: deploy, look: look, history: base.history)
    // Crossed first, then nearest its threshold; ties by name so the order is stable.
    return out.sorted {
      ($0.crossed ? 1 : 0, $0.progress, $1.metric) > ($1.crossed ? 1 : 0, $1.progress, $0.metric)
    }
  }

  private func share(_ x: Int, _ n: Int) -> Double? { n > 0 ? Double(x) / Double(n) : nil }

  private func errorRate(
    _ metric: String, _ b: RequestBucket, _ a: RequestBucket, alpha: Double, blocked: String?
  ) -> GateEvidence {
    var e = GateEvidence(
      metric: metric, before: share(b.errors, b.requests), after: share(a.errors, a.requests),
      beforeHits: b.errors, beforeSamples: b.requests, afterHits: a.errors,
      afterSamples: a.requests, logRatio: 0, logThreshold: GateBudget.threshold(alpha),
      judged: false, crossed: false)
    if let blocked {
      e.note = blocked
    } else if b.requests < minimumRequests || a.requests < minimumRequests {
      e.note =
        "too few requests (need \(minimumRequests) each side, have \(b.requests) and \(a.requests))"
    } else {
      e.judged = true
      e.logRatio = MixtureLikelihoodRatio.logRatio(
        failures: a.errors, trials: a.requests,
        before: MixtureLikelihoodRatio.beforePosterior(failures: b.errors, trials: b.requests),
        alternative: .multiplesOfBefore)
      let (pb, pa) = (e.before ?? 0, e.after ?? 0)
      // Large enough to matter, as in the fixed comparison: up 25 % and 0.1 point.
      e.crossed = e.logRatio >= e.logThreshold && pa >= pb * 1.25 && pa - pb >= 0.001
    }
    return e
  }

  private func latency(
    _ q: Double, _ metric: String, _ b: RequestBucket, _ a: RequestBucket, alpha: Double,
    blocked: String?
  ) -> GateEvidence {
    let threshold = b.latency.valueMs(atPercentile: q)
    let xb = threshold.map { b.latency.countAbove(ms: $0) } ?? 0
    let xa = threshold.map { a.latency.countAbove(ms: $0) } ?? 0
    let nb = b.latency.count
    let na = a.latency.count
    var e = GateEvidence(
      metric: metric, before: threshold, after: a.latency.valueMs(atPercentile: q),
      beforeHits: xb, beforeSamples: nb, afterHits: xa, afterSamples: na, logRatio: 0,
      logThreshold: GateBudget.threshold(alpha), judged: false, crossed: false)
    // A tail quantile needs the samples to have a tail: 5 expected above it, as the fixed test.
    let minimum = Swift.max(minimumRequests, Int(saturating: (5 / (1 - q / 100)).rounded(.up)))
    if let blocked {
      e.note = blocked
    } else if nb < minimum || na < minimum {
      e.note = "too few latency samples (need \(minimum) each side, have \(nb) and \(na))"
    } else {
      e.judged = true
      e.logRatio = MixtureLikelihoodRatio.logRatio(
        failures: xa, trials: na,
        before: MixtureLikelihoodRatio.beforePosterior(failures: xb, trials: nb),
        alternative: .multiplesOfBefore)
      // The quantile itself must have moved by 10 %, as in the fixed comparison.
      e.crossed =
        e.logRatio >= e.logThreshold && (e.after ?? 0) >= (e.before ?? .infinity) * 1.1
    }
    return e
  }

  private func jobTest(
    _ job: (job: String, runs: Int, failures: Int), before: (runs: Int, failures: Int)?,
    alpha: Double
  ) -> GateEvidence {
    let b = before ?? (0, 0)
    let useBaseline = b.runs < Self.minimumJobRunsBefore && b.failures == 0
    let prior =
      useBaseline
      ? Self.healthyJobBaseline
      : MixtureLikelihoodRatio.beforePosterior(failures: b.failures, trials: b.runs)
    var e = GateEvidence(
      metric: "job \(job.job) failure_rate", before: share(b.failures, b.runs),
      after: share(job.failures, job.runs), beforeHits: b.failures, beforeSamples: b.runs,
      afterHits: job.failures, afterSamples: job.runs, logRatio: 0,
      logThreshold: GateBudget.threshold(alpha), judged: true, crossed: false,
      note: useBaseline ? "against a healthy job's baseline (under 1% failing)" : nil)
    e.logRatio = MixtureLikelihoodRatio.logRatio(
      failures: job.failures, trials: job.runs, before: prior, alternative: .anyShare)
    e.crossed =
      e.logRatio >= e.logThreshold && (e.after ?? 0) > prior.a / (prior.a + prior.b)
    return e
  }

  private func newErrors(
    _ signatures: [ErrorSignature], deploy: EpochSeconds, look: EpochSeconds, history: Double
  ) -> [GateEvidence] {
    let t = look - deploy
    let candidates = signatures.filter {
      $0.firstSeen >= deploy && $0.firstSeen <= look && $0.kind != .request
    }
    guard t > 0, !candidates.isEmpty else { return [] }
    let threshold = GateBudget.threshold(GateBudget.newErrors / Double(candidates.count))
    return candidates.map { sig in
      let k = sig.recent.filter { $0 >= deploy && $0 <= look }.count
      let logRatio = Double(k) * log((history + t) / t)
      var e = GateEvidence(
        metric: "new error \(sig.display)", before: nil, after: nil, beforeHits: 0,
        beforeSamples: 0, afterHits: k, afterSamples: k, logRatio: logRatio,
        logThreshold: threshold, judged: history >= minimumBefore, crossed: false)
      let expectedBefore = Double(k) * history / t
      if !e.judged {
        e.note = "only \(Formatting.duration(history)) of history before the deploy"
      } else if k < Self.minimumNewErrorOccurrences {
        e.note = "\(k) of the \(Self.minimumNewErrorOccurrences) occurrences it needs"
      }
      e.crossed =
        e.judged && k >= Self.minimumNewErrorOccurrences
        && expectedBefore >= DeployAnalyzer.expectedOccurrencesForNew
        && logRatio >= threshold
      return e
    }
  }
}
