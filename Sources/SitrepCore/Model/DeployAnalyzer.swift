/// Compares the time before a deploy with the time after it, metric by metric.
///
/// Windows: see `DeployWindows` (equal sides, ending at the next deploy or the end of the data).
/// Request slots straddling an edge are left out of both sides.
public struct DeployAnalyzer: Sendable {
  /// How long each side should be; shorter while data is still coming in ("collecting 2m of 10m").
  public var wantedSpan: Double = 10 * 60
  /// Below this much data on either side, nothing is judged yet.
  public var minimumSpan: Double = 60
  /// An error first seen after the deploy is called new only when, had it happened before at the
  /// rate it happens since, the history before the deploy would have held at least this many
  /// occurrences (the chance of seeing none of them by luck is then e^-3, 5 %).
  public static let expectedOccurrencesForNew = 3.0

  public init() {}

  public struct Inputs {
    public var requestBucket: (EpochSeconds, EpochSeconds) -> RequestBucket
    /// Each route of the deploy's services over a span: service, route label, merged bucket.
    public var routeBuckets:
      (EpochSeconds, EpochSeconds) -> [(service: String, route: String, bucket: RequestBucket)] = {
        _, _ in []
      }
    /// Finished job runs and failures that ended in a span, over every job.
    public var jobCounts: (EpochSeconds, EpochSeconds) -> (runs: Int, failures: Int)
    public var signatures: [ErrorSignature]
    /// When the data starts: the before side never reaches back past it, so a deploy near the
    /// start of the logs is not compared with an empty stretch.
    public var dataStart: EpochSeconds?
    /// The newest line across the sources: the after side ends there.
    public var dataEnd: EpochSeconds?

    public init(
      requestBucket: @escaping (EpochSeconds, EpochSeconds) -> RequestBucket,
      jobCounts: @escaping (EpochSeconds, EpochSeconds) -> (runs: Int, failures: Int),
      signatures: [ErrorSignature], dataStart: EpochSeconds? = nil, dataEnd: EpochSeconds? = nil
    ) {
      self.dataStart = dataStart
      self.dataEnd = dataEnd
      self.requestBucket = requestBucket
      self.jobCounts = jobCounts
      self.signatures = signatures
    }
  }

  public func windows(
    for deploy: DeployEvent, previous: DeployEvent?, next: DeployEvent?, now: EpochSeconds,
    inputs: Inputs
  ) -> DeployWindows {
    DeployWindows(
      deploy: deploy.time, previous: previous?.time, next: next?.time, dataStart: inputs.dataStart,
      dataEnd: inputs.dataEnd, now: now, wanted: wantedSpan, minimum: minimumSpan)
  }

  public func delta(
    for deploy: DeployEvent, previous: DeployEvent?, next: DeployEvent? = nil, now: EpochSeconds,
    inputs: Inputs
  ) -> DeployDelta {
    let w = windows(for: deploy, previous: previous, next: next, now: now, inputs: inputs)
    let beforeBucket = inputs.requestBucket(w.before.from, w.before.to)
    let afterBucket = inputs.requestBucket(w.after.from, w.after.to)
    let ring = BucketRing<Int>(
      slotSeconds: ServiceTracker.serviceSlotSeconds, slotCount: 1, make: { 0 })
    let bSpan = ring.coveredSpan(from: w.before.from, to: w.before.to, includeCurrent: false)
    let aSpan = ring.coveredSpan(from: w.after.from, to: w.after.to, includeCurrent: false)
    let before = side(beforeBucket, span: bSpan, jobs: inputs.jobCounts(bSpan.from, bSpan.to))
    let after = side(afterBucket, span: aSpan, jobs: inputs.jobCounts(aSpan.from, aSpan.to))

    var changes: [DeltaChange] = []
    changes.append(rpsChange(before, after, judge: w.judge))
    changes.append(errorChange(before, after, judge: w.judge))
    for q in [50.0, 95.0, 99.0] {
      changes.append(latencyChange(q, beforeBucket, afterBucket, judge: w.judge))
    }
    changes.append(jobChange(before, after, judge: w.judge))

    let routes = routeDeltas(w, inputs: inputs)

    let afterEnd = deploy.time + w.afterAvailable
    let (newErrors, firstSeen) = Self.errorsFirstSeenAfter(
      deploy.time, until: afterEnd, history: w.history, signatures: inputs.signatures)
    var gone: [ErrorSignature] = []
    if w.after.to - w.after.from >= 120 {
      gone = inputs.signatures.filter { sig in
        sig.lastSeen < deploy.time
          && sig.count(from: w.before.from, through: deploy.time.nextDown) >= 2
      }
    }
    return DeployDelta(
      deploy: deploy, previous: previous, before: before, after: after, changes: changes,
      newErrors: newErrors, goneErrors: gone, note: w.note, firstSeenErrors: firstSeen,
      routes: routes)
  }

  /// The routes over the same windows, paired by service and route.
  private func routeDeltas(_ w: DeployWindows, inputs: Inputs) -> [RouteDelta] {
    // Route slots are whole minutes. The minute holding the deploy mixes both versions: left out.
    // The before side may keep its earliest minute whole, the after side the minute still
    // filling (each lies wholly on its side of the deploy); then both keep the same number of
    // minutes, nearest the deploy, so a short comparison ("collecting: 1m04s") still has routes.
    let m = ServiceTracker.routeSlotSeconds
    let beforeTo = (w.before.to / m).rounded(.down) * m
    let beforeFrom = Swift.min(beforeTo, (w.before.from / m).rounded(.down) * m)
    let afterFrom = (w.after.from / m).rounded(.up) * m
    let afterTo = Swift.max(afterFrom, (w.after.to / m).rounded(.up) * m)
    let minutes = Swift.min(beforeTo - beforeFrom, afterTo - afterFrom)
    let beforeSpan = (from: beforeTo - minutes, to: beforeTo)
    let afterSpan = (from: afterFrom, to: afterFrom + minutes)
    let before = inputs.routeBuckets(beforeSpan.from, beforeSpan.to)
    let after = inputs.routeBuckets(afterSpan.from, afterSpan.to)
    var samples: [String: RouteDeltaAnalyzer.RouteSample] = [:]
    var order: [String] = []
    for (side, list) in [(0, before), (1, after)] {
      for r in list {
        let key = r.service + "\u{0}" + r.route
        if samples[key] == nil {
          samples[key] = RouteDeltaAnalyzer.RouteSample(
            service: r.service, route: r.route, before: RequestBucket(), after: RequestBucket())
          order.append(key)
        }
        if side == 0 {
          samples[key]!.before.add(r.bucket)
        } else {
          samples[key]!.after.add(r.bucket)
        }
      }
    }
    let seen = order.compactMap { samples[$0] }.filter {
      $0.before.requests + $0.after.requests > 0
    }
    // Rates over what each side's data really covers: the after side's last minute may still be
    // filling, and the data may start inside the before side's first minute.
    let dataStart = w.before.to - w.history
    let beforeCovered = (
      from: Swift.min(beforeSpan.to, Swift.max(beforeSpan.from, dataStart)), to: beforeSpan.to
    )
    let afterCovered = (
      from: afterSpan.from, to: Swift.min(afterSpan.to, Swift.max(afterSpan.from, w.after.to))
    )
    return RouteDeltaAnalyzer().deltas(
      seen, before: beforeCovered, after: afterCovered, judge: w.judge)
  }

  /// Signatures first seen after the deploy, split into those the history before it would have
  /// caught (new) and those it is too short to rule out ("first seen"): an error that happens
  /// every ten minutes is not new because the logs start a minute before the deploy.
  static func errorsFirstSeenAfter(
    _ deploy: EpochSeconds, until end: EpochSeconds, history: Double,
    signatures: [ErrorSignature]
  ) -> (new: [ErrorSignature], firstSeen: [ErrorSignature]) {
    let after = Swift.max(end - deploy, 1)
    var new: [ErrorSignature] = []
    var unsure: [ErrorSignature] = []
    // A record that only repeats a failed request is a symptom: the error-rate tests judge it, and
    // the exception behind it is the signature that can be new.
    for sig in signatures
    where sig.firstSeen >= deploy && sig.firstSeen <= end && sig.kind != .request {
      let since = Swift.max(1, sig.count(from: deploy, through: end))
      let expectedBefore = Double(since) * history / after
      if expectedBefore >= expectedOccurrencesForNew {
        new.append(sig)
      } else {
        unsure.append(sig)
      }
    }
    let order = { (a: ErrorSignature, b: ErrorSignature) in (a.count, b.key) > (b.count, a.key) }
    return (new.sorted(by: order), unsure.sorted(by: order))
  }

  private func side(
    _ bucket: RequestBucket, span: (from: Double, to: Double), jobs: (runs: Int, failures: Int)
  ) -> DeltaSide {
    DeltaSide(
      from: span.from, to: span.to,
      requests: RequestStats(bucket: bucket, from: span.from, to: span.to),
      jobRuns: jobs.runs, jobFailures: jobs.failures)
  }

  private func direction(_ b: Double?, _ a: Double?, tolerance: Double) -> DeltaChange.Direction {
    guard let b, let a else { return .same }
    if b == 0 { return a > 0 ? .up : .same }
    let rel = (a - b) / b
    if rel > tolerance { return .up }
    if rel < -tolerance { return .down }
    return .same
  }

  private func rpsChange(_ b: DeltaSide, _ a: DeltaSide, judge: Bool) -> DeltaChange {
    let nb = b.requests.requests
    let na = a.requests.requests
    let before = nb > 0 ? b.requests.rps : nil
    let after = na > 0 || nb > 0 ? a.requests.rps : nil
    let dir = direction(before, after, tolerance: 0.2)
    var change = DeltaChange(
      metric: "rps", before: before, after: after, direction: dir, significant: false,
      beforeSamples: nb, afterSamples: na, z: nil, method: "", higherIsWorse: false)
    guard judge, nb + na >= 100 else {
      change.method = "too few requests (\(nb)+\(na) < 100)"
      return change
    }
    let z = Significance.poissonRateZ(
      before: nb, beforeSeconds: b.requests.seconds, after: na, afterSeconds: a.requests.seconds)
    change.z = z
    change.significant = abs(z) >= Significance.criticalZ && dir != .same
    change.method = "Poisson rate test, |z| ≥ 3.5 and change ≥ 20%"
    return change
  }

  private func errorChange(_ b: DeltaSide, _ a: DeltaSide, judge: Bool) -> DeltaChange {
    let nb = b.requests.requests
    let na = a.requests.requests
    let before = b.requests.errorRate
    let after = a.requests.errorRate
    var dir = direction(before, after, tolerance: 0.25)
    if let bv = before, let av = after, abs(av - bv) < 0.001 { dir = .same }
    var change = DeltaChange(
      metric: "error_rate", before: before, after: after, direction: dir, significant: false,
      beforeSamples: nb, afterSamples: na, z: nil, method: "", higherIsWorse: true)
    guard judge, nb >= 50, na >= 50 else {
      change.method = "too few requests (need 50 each side, have \(nb) and \(na))"
      return change
    }
    let z = Significance.twoProportionZ(
      x1: b.requests.errors, n1: nb, x2: a.requests.errors, n2: na)
    change.z = z
    change.significant = abs(z) >= Significance.criticalZ && dir != .same
    change.method = "two-proportion z test, |z| ≥ 3.5 and change ≥ 25% and ≥ 0.1 pt"
    return change
  }

  /// A quantile moved when the share of requests above the *before* quantile changed: a
  /// two-proportion test on exceedances (Mood's median test, generalised to any quantile).
  private func latencyChange(_ q: Double, _ b: RequestBucket, _ a: RequestBucket, judge: Bool)
    -> DeltaChange
  {
    let metric = "p\(Int(saturating: q))_ms"
    let before = b.latency.valueMs(atPercentile: q)
    let after = a.latency.valueMs(atPercentile: q)
    let nb = b.latency.count
    let na = a.latency.count
    let dir = direction(before, after, tolerance: 0.1)
    var change = DeltaChange(
      metric: metric, before: before, after: after, direction: dir, significant: false,
      beforeSamples: nb, afterSamples: na, z: nil, method: "", higherIsWorse: true)
    let minimum = Swift.max(50, Int(saturating: (5 / (1 - q / 100)).rounded(.up)))
    guard judge, nb >= minimum, na >= minimum, let threshold = before else {
      change.method = "too few latency samples (need \(minimum) each side, have \(nb) and \(na))"
      return change
    }
    let z = Significance.twoProportionZ(
      x1: b.latency.countAbove(ms: threshold), n1: nb, x2: a.latency.countAbove(ms: threshold),
      n2: na)
    change.z = z
    change.significant =
      abs(z) >= Significance.criticalZ && dir != .same && ((z > 0) == (dir == .up))
    change.method =
      "exceedance test on the before p\(Int(saturating: q)), |z| ≥ 3.5 and change ≥ 10%"
    return change
  }

  private func jobChange(_ b: DeltaSide, _ a: DeltaSide, judge: Bool) -> DeltaChange {
    let before = b.jobFailureRate
    let after = a.jobFailureRate
    var dir = direction(before, after, tolerance: 0.25)
    if a.jobFailures == b.jobFailures && a.jobFailures == 0 { dir = .same }
    var change = DeltaChange(
      metric: "job_failure_rate", before: before, after: after, direction: dir, significant: false,
      beforeSamples: b.jobRuns, afterSamples: a.jobRuns, z: nil, method: "", higherIsWorse: true)
    guard judge, b.jobRuns >= 5, a.jobRuns >= 5 else {
      change.method = "too few job runs (need 5 each side, have \(b.jobRuns) and \(a.jobRuns))"
      return change
    }
    let p = Significance.fisherExactP(
      x1: b.jobFailures, n1: b.jobRuns, x2: a.jobFailures, n2: a.jobRuns)
    change.significant = p < 0.005 && dir != .same
    change.method = "Fisher exact test, p < 0.005 (p = \(String(cFormat: "%.4f", p)))"
    return change
  }
}
