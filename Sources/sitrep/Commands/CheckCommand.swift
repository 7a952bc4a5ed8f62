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
      """)

  @OptionGroup var sources: SourceSelection

  @Flag(
    help: "Judge only what changed since the latest deploy: the window becomes the time since it.")
  var sinceDeploy = false

  @Option(help: "What fails the check, comma separated: down,slow,errors,jobs,regression.")
  var failOn: String = "down,slow,errors,jobs,regression"

  @Option(help: "Evaluate as of this moment (ISO 8601 or epoch seconds).")
  var at: String?

  mutating func validate() throws {
    try TimeArgument.validate(at)
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

  func run() throws {
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
