/// Compares the time before a deploy with the time since, metric by metric.
///
/// Windows: the after side runs from the deploy to now, capped at `maxSpan`; the before side has the
/// same length, ending at the deploy, and never reaches back past the previous deploy. Request slots
/// straddling the deploy are left out of both sides.
public struct DeployAnalyzer: Sendable {
  public var maxSpan: Double = 30 * 60
  /// Below this much data after the deploy, nothing is judged yet.
  public var minimumAfter: Double = 60

  public init() {}

  public struct Inputs {
    public var requestBucket: (EpochSeconds, EpochSeconds) -> RequestBucket
    public var jobRuns: [JobRun]
    public var signatures: [ErrorSignature]
    /// When the data starts: the before side never reaches back past it, so a deploy near the
    /// start of the logs is not compared with an empty stretch.
    public var dataStart: EpochSeconds?

    public init(
      requestBucket: @escaping (EpochSeconds, EpochSeconds) -> RequestBucket, jobRuns: [JobRun],
      signatures: [ErrorSignature], dataStart: EpochSeconds? = nil
    ) {
      self.dataStart = dataStart
      self.requestBucket = requestBucket
      self.jobRuns = jobRuns
      self.signatures = signatures
    }
  }

  public func delta(
    for deploy: DeployEvent, previous: DeployEvent?, now: EpochSeconds, inputs: Inputs
  ) -> DeployDelta {
    let afterSpan = Swift.max(0, Swift.min(now - deploy.time, maxSpan))
    var beforeSpan = afterSpan
    if let previous {
      beforeSpan = Swift.min(beforeSpan, Swift.max(0, deploy.time - previous.time))
    }
    if let start = inputs.dataStart {
      beforeSpan = Swift.min(beforeSpan, Swift.max(0, deploy.time - start))
    }
    let afterRange = (deploy.time, deploy.time + afterSpan)
    let beforeRange = (deploy.time - beforeSpan, deploy.time)
    let beforeBucket = inputs.requestBucket(beforeRange.0, beforeRange.1)
    let afterBucket = inputs.requestBucket(afterRange.0, afterRange.1)
    let ring = BucketRing<Int>(
      slotSeconds: ServiceTracker.serviceSlotSeconds, slotCount: 1, make: { 0 })
    let bSpan = ring.coveredSpan(from: beforeRange.0, to: beforeRange.1, includeCurrent: false)
    let aSpan = ring.coveredSpan(from: afterRange.0, to: afterRange.1, includeCurrent: false)
    let before = side(beforeBucket, span: bSpan, runs: inputs.jobRuns)
    let after = side(afterBucket, span: aSpan, runs: inputs.jobRuns)

    var changes: [DeltaChange] = []
    var note: String?
    if afterSpan < minimumAfter {
      note = "collecting: \(Formatting.duration(afterSpan)) since deploy, judging from 1m"
    } else if beforeSpan < minimumAfter {
      note = "only \(Formatting.duration(beforeSpan)) of data before it: too little to compare"
    }
    let judge = note == nil
    changes.append(rpsChange(before, after, judge: judge))
    changes.append(errorChange(before, after, judge: judge))
    for q in [50.0, 95.0, 99.0] {
      changes.append(latencyChange(q, beforeBucket, afterBucket, judge: judge))
    }
    changes.append(jobChange(before, after, judge: judge))

    let newErrors = inputs.signatures.filter { $0.firstSeen >= deploy.time && $0.firstSeen <= now }
      .sorted { $0.count > $1.count }
    var gone: [ErrorSignature] = []
    if afterSpan >= 120 {
      gone = inputs.signatures.filter { sig in
        sig.lastSeen < deploy.time
          && sig.recent.filter { $0 >= beforeRange.0 && $0 < deploy.time }.count >= 2
      }
    }
    return DeployDelta(
      deploy: deploy, previous: previous, before: before, after: after, changes: changes,
      newErrors: newErrors, goneErrors: gone, note: note)
  }

  private func side(_ bucket: RequestBucket, span: (from: Double, to: Double), runs: [JobRun])
    -> DeltaSide
  {
    let finished = runs.filter {
      $0.outcome != .running && $0.time >= span.from && $0.time < span.to
    }
    return DeltaSide(
      from: span.from, to: span.to,
      requests: RequestStats(bucket: bucket, from: span.from, to: span.to),
      jobRuns: finished.count, jobFailures: finished.filter { $0.outcome == .failure }.count)
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
    change.method = "Fisher exact test, p < 0.005 (p = \(String(format: "%.4f", p)))"
    return change
  }
}
