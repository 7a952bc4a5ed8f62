import ArgumentParser
import FoundationEssentials
import Glibc
import SitrepCore

/// `check --watch`: follows the sources from a deploy on and re-runs the deploy gate's sequential
/// test at every look, stopping as soon as the answer is certain (see `DeployGate`).
struct DeployWatch {
  /// Which deploy to watch.
  enum Target: Equatable {
    /// The newest deploy or rollback in the deploy log.
    case latest
    /// The newest deploy with this version; waited for when not there yet.
    case version(String)
    /// From a moment, deploy log or not.
    case since(EpochSeconds)
    /// The first deploy that appears after the watch starts: start the watch, then deploy.
    case next
  }

  var target: Target
  var horizon: Double
  var lookEvery: Double
  var json: Bool

  /// Runs the watch and returns the exit status; prints the progress and verdict lines (and the
  /// JSON document with `json`).
  func run(_ selection: SourceSelection) throws -> Int32 {
    let signalPipe = LiveLoop.installSignalPipe()
    let (session, pipeline) = try HeadlessRun.start(
      selection, at: nil, extraSeconds: DeployGate().jobBeforeSpan)
    let monitor = session.monitor
    monitor.gateSettings.horizon = horizon
    let started = Date().timeIntervalSince1970
    // Caught up by pumping, not `readOnce`: a one-shot read finishes the files, and the watch
    // goes on following them.
    while pipeline.pump(now: Date().timeIntervalSince1970) {}
    pipeline.settle()
    let known = monitor.deploys

    var deploy = resolve(monitor, known: known, now: started)
    if deploy == nil {
      if target == .latest {
        try emit("SITREP UNKNOWN - no deploy found in the sources", status: 3)
        return 3
      }
      // Waiting for it: looks every second, so the watch starts with the deploy.
      progress("waiting for \(waitingFor) (up to \(Formatting.duration(horizon)))")
      var waiter = LiveLoop(pipeline: pipeline, lookEvery: 1, signalPipe: signalPipe)
      waiter.progress = nil
      let ending = waiter.run(until: started + horizon) { now in
        deploy = resolve(monitor, known: known, now: now)
        return deploy != nil
      }
      guard let found = deploy else {
        let why =
          ending == .signalled
          ? "stopped while waiting for \(waitingFor)"
          : "no \(waitingFor.replacing("the next", with: "next")) appeared in "
            + Formatting.duration(horizon)
        try emit("SITREP UNKNOWN - \(TextSanitizer.checkText(why))", status: 3)
        return 3
      }
      deploy = found
    }
    guard let deploy else { return 3 }

    var last: DeployGateState?
    let loop = LiveLoop(pipeline: pipeline, lookEvery: lookEvery, signalPipe: signalPipe)
    // A second past the watch's end, so lines written at its last moment are read.
    // Prometheus is asked around the watched deploy at most once per its interval (a round is
    // bounded by its timeout), so a service it counts is judged from fresh steps.
    var askedPrometheusAt = -EpochSeconds.infinity
    let ending = loop.run(until: deploy.time + horizon + 1) { now in
      if let plan = session.prometheus, now - askedPrometheusAt >= plan.settings.intervalSeconds {
        askedPrometheusAt = now
        _ = session.readPrometheusOnce(now: now, deployAt: deploy.time)
      }
      let state = monitor.gate(for: deploy, now: now)
      if state.looks != last?.looks || state.verdict != last?.verdict {
        progress(GateLines.progress(state))
      }
      last = state
      return state.verdict != .watching
    }
    if ending != .decided {
      _ = pipeline.pump(now: Date().timeIntervalSince1970)
    }
    let final =
      ending == .decided && last != nil
      ? last! : monitor.gate(for: deploy, now: Date().timeIntervalSince1970)
    let result = GateLines.verdict(final, stoppedEarly: ending == .signalled)
    if json {
      try emit(
        ReportValue.object([
          ("schema", .int(ReportJSON.schema)),
          ("generated_at", .time(Date().timeIntervalSince1970)),
          (
            "check",
            .object([
              ("status", .string(result.status.label)), ("exit_code", .int(result.status.rawValue)),
              ("line", .string(result.line)), ("stopped_early", .bool(ending == .signalled)),
            ])
          ),
          ("gate", GateJSON.gate(final)),
        ]).rendered(), status: 3)
      StandardError.write(result.line + "\n")
    } else {
      try emit(result.line, status: 3)
    }
    return Int32(result.status.rawValue)
  }

  private var waitingFor: String {
    switch target {
    case .version(let v): "deploy \(TextSanitizer.checkText(v))"
    default: "the next deploy"
    }
  }

  func resolve(_ monitor: Monitor, known: [DeployEvent], now: EpochSeconds) -> DeployEvent? {
    switch target {
    case .latest:
      return monitor.latestDeploy(before: now)
    case .version(let v):
      return monitor.deploys.last { $0.version == v && $0.kind != .restart }
    case .since(let t):
      return DeployEvent(time: t, kind: .deploy, version: nil)
    case .next:
      return monitor.deploys.last { !known.contains($0) && $0.kind != .restart }
    }
  }

  /// Progress goes to standard output for a pipeline's log, or to standard error when standard
  /// output carries the JSON document.
  private func progress(_ line: String) {
    if json {
      StandardError.write(line + "\n")
    } else {
      _ = try? StandardOutput.print(line)
    }
  }

  /// A line that cannot be written is UNKNOWN, never a verdict the pipeline did not see.
  private func emit(_ line: String, status: Int32) throws {
    do {
      try StandardOutput.print(line)
    } catch {
      StandardError.write("sitrep: \(error)\n")
      throw ExitCode(3)
    }
  }
}
