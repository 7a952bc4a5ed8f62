/// The deploy gate's state as JSON: the `gate` object of `report --json` and of
/// `check --watch --json` (docs/report-schema.md).
public enum GateJSON {
  public static func gate(_ g: DeployGateState) -> ReportValue {
    var sides: [(String, ReportValue)] = [("kind", .string(g.sides.label))]
    switch g.sides {
    case .beforeAfter(let before, let afterStart):
      sides += [
        ("before_from", .time(before.from)), ("before_to", .time(before.to)),
        ("after_from", .time(afterStart)),
      ]
    }
    return .object([
      ("deploy", ReportJSON.deployEvent(g.deploy)),
      ("previous_version", .optional(g.previous?.version)),
      ("verdict", .string(g.verdict.rawValue)),
      ("exit_code", .int(Int(g.verdict.exitCode))),
      ("reason", .string(g.reason)),
      ("rollback", g.verdict == .regression ? .string(g.rollbackNote) : .null),
      ("test", .string("mixture sequential probability ratio test (Beta mixtures)")),
      ("alpha", .number(GateBudget.total)),
      ("watch_s", .number(g.horizon)),
      ("elapsed_s", .number(g.elapsed)),
      ("looks", .int(g.looks)),
      ("last_look_at", g.lastLookAt.map { .time($0) } ?? .null),
      ("decided_at", g.decidedAt.map { .time($0) } ?? .null),
      ("sides", .object(sides)),
      (
        "samples",
        .object([
          ("before_requests", .int(g.beforeRequests)), ("after_requests", .int(g.afterRequests)),
          ("before_job_runs", .int(g.beforeJobRuns)), ("after_job_runs", .int(g.afterJobRuns)),
        ])
      ),
      ("worst", g.worst.map(evidence) ?? .null),
      ("tests", .array(g.evidence.map(evidence))),
    ])
  }

  static func evidence(_ e: GateEvidence) -> ReportValue {
    .object([
      ("metric", .string(e.metric)),
      ("before", .optional(e.before)), ("after", .optional(e.after)),
      ("before_hits", .int(e.beforeHits)), ("before_samples", .int(e.beforeSamples)),
      ("after_hits", .int(e.afterHits)), ("after_samples", .int(e.afterSamples)),
      ("log_likelihood_ratio", .number(e.logRatio)),
      ("log_threshold", .number(e.logThreshold)),
      ("judged", .bool(e.judged)), ("crossed", .bool(e.crossed)),
      ("note", .optional(e.note)),
      ("summary", .string(e.summary)),
    ])
  }
}
