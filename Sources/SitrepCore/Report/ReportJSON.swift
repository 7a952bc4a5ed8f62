/// The `sitrep report --json` document (schema 1; see docs/report-schema.md). Unknown values are
/// `null`, never 0; durations in ms, rates per second, ratios 0...1, times ISO 8601.
public enum ReportJSON {
  public static let schema = 1

  public static func document(_ s: Snapshot) -> ReportValue {
    .object([
      ("schema", .int(schema)),
      ("generated_at", .time(s.now)),
      ("window", .string(s.window.label)),
      ("services", .array(s.services.map(service))),
      ("jobs", .array(s.jobs.map(job))),
      ("errors", .array(s.errors.map { error($0, since: s.now - s.window.seconds) })),
      ("deploy", s.deploy.map(deploy) ?? .null),
      ("gate", s.gate.map(GateJSON.gate) ?? .null),
      ("deploys", .array(s.deploys.reversed().map(deployEvent))),
      ("sources", .array(s.sources.map { source($0, windowStart: s.windowStart, now: s.now) })),
      ("coverage", coverage(s.coverage)),
    ])
  }

  /// Whether the data read covers the window; `covers_from` only when it does not.
  static func coverage(_ c: WindowCoverage) -> ReportValue {
    .object([
      ("window_covered", c.windowCovered.map { .bool($0) } ?? .null),
      ("covers_from", c.coversFrom.map { .time($0) } ?? .null),
    ])
  }

  static func statusObject(_ st: RequestStats) -> ReportValue {
    .object([
      ("2xx", .int(st.statusClasses[2])), ("3xx", .int(st.statusClasses[3])),
      ("4xx", .int(st.statusClasses[4])), ("5xx", .int(st.statusClasses[5])),
      ("other", .int(st.statusClasses[0] + st.statusClasses[1])),
    ])
  }

  static func service(_ s: ServiceSnapshot) -> ReportValue {
    let st = s.stats
    return .object([
      ("name", .string(s.name)),
      ("verdict", .string(s.verdict.verdict.rawValue)),
      ("reason", .string(s.verdict.reason)),
      ("requests", .int(st.requests)),
      ("rps", st.requests > 0 || s.lastRequestAt != nil ? .number(st.rps) : .null),
      ("status", statusObject(st)),
      ("error_rate", .optional(st.errorRate)),
      ("p50_ms", .optional(st.p50Ms)), ("p95_ms", .optional(st.p95Ms)),
      ("p99_ms", .optional(st.p99Ms)),
      ("latency_unknown", .int(st.unknownLatency)),
      ("numbers_from", .string(s.numbersFrom)),
      (
        "number_sources",
        .object([
          ("requests", .optional(s.numberSources.requests)),
          ("latency", .optional(s.numberSources.latency)), ("up", .optional(s.numberSources.up)),
        ])
      ),
      (
        "app_layer",
        s.appLayer.map { app in
          .object([
            ("name", .string(app.name)), ("requests", .int(app.stats.requests)),
            ("error_rate", .optional(app.stats.errorRate)), ("p50_ms", .optional(app.stats.p50Ms)),
            ("p95_ms", .optional(app.stats.p95Ms)), ("p99_ms", .optional(app.stats.p99Ms)),
          ])
        } ?? .null
      ),
      ("last_request_at", .time(s.lastRequestAt)),
      (
        "thresholds",
        .object([
          ("p95_ms", .number(s.thresholds.p95Ms)), ("error_rate", .number(s.thresholds.errorRate)),
          ("silence_s", .number(s.thresholds.silenceSeconds)),
        ])
      ),
      (
        "routes",
        .array(
          s.routes.map { r in
            .object([
              ("route", .string(r.route)), ("requests", .int(r.stats.requests)),
              ("rps", .number(r.stats.rps)),
              ("error_rate", .optional(r.stats.errorRate)),
              ("p50_ms", .optional(r.stats.p50Ms)), ("p95_ms", .optional(r.stats.p95Ms)),
              ("p99_ms", .optional(r.stats.p99Ms)),
            ])
          })
      ),
      ("hosts", .array(s.hosts.map(host))),
      ("worst_host", .optional(s.worstHost?.name)),
    ])
  }

  /// A service's share on one host (`HostBreakdown`): rows add up to the service.
  static func host(_ h: HostSnapshot) -> ReportValue {
    .object([
      ("name", .string(h.name)), ("state", .string(h.state.rawValue)),
      ("state_reason", .optional(h.trouble)), ("worst", .bool(h.isWorst)),
      ("requests", .int(h.stats.requests)),
      ("rps", h.stats.requests > 0 ? .number(h.stats.rps) : .null),
      ("status", statusObject(h.stats)),
      ("error_rate", .optional(h.stats.errorRate)),
      ("p50_ms", .optional(h.stats.p50Ms)), ("p95_ms", .optional(h.stats.p95Ms)),
      ("p99_ms", .optional(h.stats.p99Ms)),
      ("last_request_at", .time(h.lastRequestAt)),
    ])
  }

  static func job(_ j: JobSummary) -> ReportValue {
    .object([
      ("name", .string(j.name)),
      ("status", .string(j.status.rawValue)),
      ("runs", .int(j.runsInWindow)), ("failures", .int(j.failuresInWindow)),
      (
        "failure_rate",
        .optional(
          j.runsInWindow > 0 ? Double(j.failuresInWindow) / Double(j.runsInWindow) : nil)
      ),
      ("runs_since_deploy", .optional(j.runsSinceDeploy)),
      ("failures_since_deploy", .optional(j.failuresSinceDeploy)),
      ("last_outcome", .optional(j.lastRun?.outcome.rawValue)),
      ("last_run_at", .time(j.lastRun?.time)),
      ("last_success_at", .time(j.lastSuccessAt)),
      ("consecutive_failures", .int(j.consecutiveFailures)),
      ("running_since", .time(j.runningSince)),
      ("usual_duration_ms", .optional(j.usualDurationSeconds.map { $0 * 1000 })),
      ("expected_every_s", .optional(j.expectedEverySeconds)),
      ("overdue_by_s", .optional(j.overdueBySeconds)),
      ("last_exception", .optional(j.lastFailure?.exception?.summary ?? j.lastFailure?.detail)),
    ])
  }

  static func error(_ e: ErrorSignature, since: EpochSeconds) -> ReportValue {
    .object([
      ("signature", .string(e.display)), ("type", .string(e.type)),
      ("kind", .string(e.kind.rawValue)),
      ("count", .int(e.count(since: since))), ("total", .int(e.count)),
      ("first_seen", .time(e.firstSeen)), ("last_seen", .time(e.lastSeen)),
      ("sample", .string(e.sample.summary)),
      ("service", .optional(e.origin.service)), ("job", .optional(e.origin.job)),
      ("hosts", .array(e.hosts.map { .string($0) })),
    ])
  }

  static func change(_ c: DeltaChange) -> ReportValue {
    .object([
      ("metric", .string(c.metric)), ("before", .optional(c.before)),
      ("after", .optional(c.after)),
      ("direction", .string(c.direction.rawValue)), ("significant", .bool(c.significant)),
      ("before_samples", .int(c.beforeSamples)), ("after_samples", .int(c.afterSamples)),
      ("z", .optional(c.z)), ("method", .string(c.method)),
    ])
  }

  static func route(_ r: RouteDelta) -> ReportValue {
    func side(_ s: RequestStats) -> ReportValue {
      .object([
        ("requests", .int(s.requests)), ("rps", s.requests > 0 ? .number(s.rps) : .null),
        ("from", .time(s.from)), ("to", .time(s.to)),
        ("error_rate", .optional(s.errorRate)),
        ("p50_ms", .optional(s.p50Ms)), ("p95_ms", .optional(s.p95Ms)),
      ])
    }
    return .object([
      ("service", .string(r.service)), ("route", .string(r.route)),
      ("before", side(r.before)), ("after", side(r.after)),
      ("p95_ratio", .optional(r.p95Ratio)), ("impact", .int(r.impact)),
      ("changes", .array(r.changes.map(change))), ("regression", .bool(r.isRegression)),
    ])
  }

  static func side(_ s: DeltaSide) -> ReportValue {
    .object([
      ("from", .time(s.from)), ("to", .time(s.to)),
      ("requests", .int(s.requests.requests)),
      ("rps", s.requests.requests > 0 ? .number(s.requests.rps) : .null),
      ("error_rate", .optional(s.requests.errorRate)),
      ("p50_ms", .optional(s.requests.p50Ms)), ("p95_ms", .optional(s.requests.p95Ms)),
      ("p99_ms", .optional(s.requests.p99Ms)),
      ("job_runs", .int(s.jobRuns)), ("job_failures", .int(s.jobFailures)),
    ])
  }

  static func deployEvent(_ d: DeployEvent) -> ReportValue {
    .object([
      ("kind", .string(d.kind.rawValue)), ("version", .optional(d.version)),
      ("service", .optional(d.service)), ("at", .time(d.time)), ("by", .optional(d.by)),
      ("commit", .optional(d.commit)), ("rollback", .optional(d.rollback)),
    ])
  }

  static func deploy(_ d: DeployDelta) -> ReportValue {
    .object([
      ("version", .optional(d.deploy.version)), ("service", .optional(d.deploy.service)),
      ("kind", .string(d.deploy.kind.rawValue)),
      ("at", .time(d.deploy.time)), ("by", .optional(d.deploy.by)),
      ("commit", .optional(d.deploy.commit)), ("rollback", .optional(d.deploy.rollback)),
      ("note", .optional(d.note)),
      ("before", side(d.before)), ("after", side(d.after)),
      ("changes", .array(d.changes.map(change))),
      ("routes", .array(d.routes.map(route))),
      ("new_errors", .array(d.newErrors.map { .string($0.display) })),
      ("gone_errors", .array(d.goneErrors.map { .string($0.display) })),
      ("first_seen_errors", .array(d.firstSeenErrors.map { .string($0.display) })),
      ("latest", .bool(d.isLatest)),
      ("regression", .bool(d.hasRegression)),
    ])
  }

  static func source(_ s: SourceHealth, windowStart: EpochSeconds, now: EpochSeconds)
    -> ReportValue
  {
    var reason: ReportValue = .null
    if case .unreadable(let why) = s.state { reason = .string(why) }
    if case .failing(let why) = s.state { reason = .string(why) }
    if let why = s.stoppedEarly { reason = .string(why) }
    return .object([
      ("path", .string(s.path)), ("role", .optional(s.role?.rawValue)),
      ("service", .optional(s.service)),
      ("format", .optional(s.detection?.format)),
      ("wrapper", .optional(s.detection?.wrapper?.rawValue)),
      ("stderr_format", .optional(s.detection?.stderrFormat)),
      ("confidence", .optional(s.detection?.confidence)),
      ("forced", .bool(s.detection?.forced ?? false)),
      ("state", .string(s.state.label)), ("state_reason", reason),
      ("bytes", .int(s.bytesRead)), ("lines", .int(s.lines)), ("malformed", .int(s.malformed)),
      ("future", .int(s.future)),
      ("truncated", .int(s.truncated)), ("rotations", .int(s.rotations)),
      ("invalid_utf8", .int(s.invalidUTF8)), ("nul", .int(s.withNUL)),
      ("truncations", .int(s.truncations)), ("recovered_bytes", .int(s.recoveredBytes)),
      ("recent_malformed", .array(s.recentMalformed.map { .string($0) })),
      ("window_covered", s.coversWindow(from: windowStart).map { .bool($0) } ?? .null),
      ("covers_from", s.leftOlderUnread ? s.coversFrom.map { .time($0) } ?? .null : .null),
      ("time_zone", .optional(s.zone?.label(now: now))),
      ("time_zone_from", .optional(s.zone?.origin.rawValue)),
      ("named_by", .array(s.namedBy.map { .string($0) })),
      ("command", s.command.map { .array($0.map { .string($0) }) } ?? .null),
      ("host", .optional(s.host)),
      ("last_exit", .optional(s.lastExit)),
      ("stderr", .array(s.stderrTail.map { .string($0) })),
      ("restarts", .int(s.restarts)),
      ("vanished_files", .int(s.vanishedFiles)),
    ])
  }
}
