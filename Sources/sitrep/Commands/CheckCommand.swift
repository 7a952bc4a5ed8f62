import ArgumentParser
import FoundationEssentials
import SitrepCore

/// `sitrep check`: one line and a Nagios-style exit code, for cron, monitoring and CI deploy gates.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "One status line; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
    discussion: """
      Examples:
        sitrep check --config /etc/sitrep.toml
        sitrep check --since-deploy /var/log/nginx/api.access.log deploys.jsonl   # CI gate after a deploy
        sitrep check --since-deploy --watch 10m -c /etc/sitrep.toml   # watch it live
        sitrep check --watch 10m --next -c /etc/sitrep.toml &          # then deploy

      With --watch: follows the sources from the deploy on, re-runs a sequential test (a mixture sequential probability ratio test, valid however often it looks) at every look, and exits as soon as the answer is certain: 2 CRITICAL on a significant regression (error rate, latency, a route, a job's failures, a new error), 0 OK when the watch ends clean, 1 WARNING when it ends inconclusive or is stopped (SIGTERM and SIGINT print the verdict so far), 3 UNKNOWN when there is no deploy to watch.
      """)

  @OptionGroup var sources: SourceSelection

  @Flag(
    help: "Judge only what changed since the latest deploy: the window becomes the time since it.")
  var sinceDeploy = false

  @Option(help: "What fails the check, comma separated: down,slow,errors,jobs,regression.")
  var failOn: String = "down,slow,errors,jobs,regression"

  @Option(help: "Evaluate as of this moment (ISO 8601 or epoch seconds).")
  var at: String?

  @Option(
    help:
      "Watch the deploy live for this long (e.g. 10m, up to 60m) and stop as soon as the answer is certain."
  )
  var watch: String?

  @Option(help: "With --watch: the deploy with this version (waited for when not in the log yet).")
  var deploy: String?

  @Option(
    help: "With --watch: watch from this moment (ISO 8601 or epoch seconds), deploy log or not.")
  var since: String?

  @Flag(help: "With --watch: wait for the next deploy to appear, then watch it.")
  var next = false

  @Option(help: "With --watch: how often to look and print a progress line (default 10s).")
  var lookEvery: String = "10s"

  @Flag(help: "With --watch: print the full analysis as JSON (progress lines go to stderr).")
  var json = false

  static let longestWatch = 60.0 * 60

  mutating func validate() throws {
    try TimeArgument.validate(at)
    try validateWatch()
    for c in failOn.split(separator: ",") where CheckEvaluator.Condition(rawValue: String(c)) == nil
    {
      throw ValidationError("--fail-on takes down, slow, errors, jobs, regression (got \(c))")
    }
  }

  /// Prints the status line. A line that cannot be written is UNKNOWN (exit 3), never the
  /// generic exit 1, which a monitoring system reads as WARNING.
  private func emit(_ line: String) throws {
    do {
      try StandardOutput.print(line)
    } catch {
      StandardError.write("sitrep: \(error)\n")
      throw ExitCode(3)
    }
  }

  private func validateWatch() throws {
    guard let watch else {
      if deploy != nil || since != nil || next || json {
        throw ValidationError(
          "--deploy, --since, --next and --json go with --watch, e.g. --watch 10m")
      }
      return
    }
    guard let seconds = DurationText.seconds(from: watch), seconds > 0,
      seconds <= Self.longestWatch
    else {
      throw ValidationError(
        "--watch takes a duration up to 60m, such as 10m (got \(TextSanitizer.display(watch)))")
    }
    guard let look = DurationText.seconds(from: lookEvery), look >= 1 else {
      throw ValidationError(
        "--look-every takes a duration of at least 1s, such as 10s (got \(TextSanitizer.display(lookEvery)))"
      )
    }
    _ = look
    if at != nil { throw ValidationError("--at and --watch cannot go together: a watch is live") }
    if [deploy != nil, since != nil, next].filter({ $0 }).count > 1 {
      throw ValidationError("choose one of --deploy, --since and --next")
    }
    if let since, TimeArgument.parse(since) == nil {
      throw ValidationError(
        "--since takes an ISO 8601 time such as 2026-11-24T14:05:00Z or epoch seconds (got \(TextSanitizer.display(since)))"
      )
    }
  }

  func run() throws {
    if let watch, let seconds = DurationText.seconds(from: watch) {
      let target: DeployWatch.Target =
        if let deploy { .version(deploy) } else if let since, let t = TimeArgument.parse(since) {
          .since(t)
        } else if next { .next } else { .latest }
      let code: Int32
      do {
        code = try DeployWatch(
          target: target, horizon: seconds,
          lookEvery: DurationText.seconds(from: lookEvery) ?? 10, json: json
        ).run(sources)
      } catch let error as ExitCode {
        throw error
      } catch {
        try emit("SITREP UNKNOWN - \(TextSanitizer.checkText("\(error)"))")
        throw ExitCode(3)
      }
      if code != 0 { throw ExitCode(code) }
      return
    }
    let conditions = Set(
      failOn.split(separator: ",").compactMap { CheckEvaluator.Condition(rawValue: String($0)) })
    let snapshot: Snapshot
    do {
      snapshot = try HeadlessRun.snapshot(sources, at: at.flatMap(TimeArgument.parse), follow: nil)
    } catch {
      try emit("SITREP UNKNOWN - \(TextSanitizer.checkText("\(error)"))")
      throw ExitCode(3)
    }
    var judged = snapshot
    if sinceDeploy {
      guard snapshot.deploy != nil else {
        try emit("SITREP UNKNOWN - no deploy found in the sources")
        throw ExitCode(3)
      }
    }
    if sinceDeploy, let d = snapshot.deploy {
      // Only regressions and current state count; the window is judged by the deploy delta.
      judged.jobs = judged.jobs.filter {
        ($0.lastFailure?.time ?? 0) >= d.deploy.time || $0.status != .failing
      }
    }
    let result = CheckEvaluator.evaluate(judged, failOn: conditions)
    try emit(result.line)
    if result.status != .ok { throw ExitCode(Int32(result.status.rawValue)) }
  }
}
