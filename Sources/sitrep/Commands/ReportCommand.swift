import ArgumentParser
import FoundationEssentials
import Glibc
import SitrepCore
import SitrepUI

/// `sitrep report`: the four answers once, as text or JSON, for scripts, chat bots and post-mortems.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Print the four answers once (text, or JSON with --json) and exit.",
    discussion:
      "Exit status: 0 when every source could be read, 2 when a source is missing or unreadable (the report is still printed)."
  )

  @OptionGroup var sources: SourceSelection

  @Flag(help: "JSON in the documented schema (docs/report-schema.md) instead of text.")
  var json = false

  @Option(
    help:
      "Evaluate as of this moment (ISO 8601, e.g. 2026-11-24T14:05:00Z, or epoch seconds): for post-mortems. Later lines are ignored."
  )
  var at: String?

  @Option(
    help:
      "Text width in columns, up to \(TextReport.widths.upperBound) (default: the terminal's, else 100)."
  )
  var width: Int?

  @Option(help: "Keep following the files for this long (e.g. 30s) before reporting.")
  var follow: String?

  func validate() throws {
    try TimeArgument.validate(at)
    if let width, !TextReport.widths.contains(width) {
      throw ValidationError(
        "--width takes a number of columns up to \(TextReport.widths.upperBound), e.g. --width 120 (got \(width))"
      )
    }
    if let follow, DurationText.seconds(from: follow) == nil {
      throw ValidationError("--follow takes a duration such as 30s or 2m (got \(follow))")
    }
  }

  func run() throws {
    let snapshot = try HeadlessRun.snapshot(
      sources, at: at.flatMap(TimeArgument.parse),
      follow: follow.flatMap(DurationText.seconds(from:)))
    if json {
      try StandardOutput.print(ReportJSON.document(snapshot).rendered())
    } else {
      try StandardOutput.print(
        TextReport.render(
          snapshot, width: width ?? HeadlessRun.terminalWidth(), glyphs: HeadlessRun.glyphs()))
    }
    let broken = snapshot.sources.filter {
      if case .unreadable = $0.state { return true }
      if case .failing = $0.state { return true }
      return $0.state == .waiting || ($0.lines > 0 && $0.detection == nil)
    }
    if !broken.isEmpty {
      for b in broken {
        // File names come from globs: one named with escape sequences must not reach the terminal.
        let message = TextSanitizer.display("sitrep: \(b.path): \(b.trouble ?? b.state.label)")
        StandardError.write(message + "\n")
      }
      throw ExitCode(2)
    }
  }
}

/// Shared by report and check: read the sources once (or follow for a while), then snapshot.
enum HeadlessRun {
  /// How far before the window's start a default read goes, so a deploy in the window has a
  /// *before* side to compare with (the deploy comparison looks 10 minutes back from it).
  static let deployMarginSeconds = 20.0 * 60

  static func snapshot(_ selection: SourceSelection, at: Double?, follow: Double?) throws
    -> Snapshot
  {
    let (session, pipeline) = try start(selection, at: at)
    let progress = ProgressLine()
    if let follow {
      _ = LiveLoop(pipeline: pipeline, progress: progress).run(
        until: Date().timeIntervalSince1970 + follow)
    }
    pipeline.readOnce(now: Date().timeIntervalSince1970)
    progress.finish()
    let now = at ?? Date().timeIntervalSince1970
    let prometheusSources = session.readPrometheusOnce(now: now)
    return session.monitor.snapshot(
      now: now, window: session.window, sources: pipeline.health() + prometheusSources)
  }

  /// The session and its pipeline, reading far enough back for the window (and a deploy in it).
  static func start(_ selection: SourceSelection, at: Double?, extraSeconds: Double = 0) throws
    -> (Session, IngestPipeline)
  {
    var session = try Session.make(selection)
    if !session.readAmountChosen {
      // An answer for a window reads the window, not a fixed number of bytes: by the lines' own
      // times back to its start (bounded per file by `FollowOptions.backfillTimeMaxBytes`).
      let evaluatedAgo = at.map { max(0, Date().timeIntervalSince1970 - $0) } ?? 0
      session.follow.backfillSeconds =
        evaluatedAgo + session.window.seconds + deployMarginSeconds + extraSeconds
    }
    let pipeline = session.pipeline(archive: nil)
    if let at { session.monitor.ignoreAfter = at }
    return (session, pipeline)
  }

  static func terminalWidth() -> Int {
    var ws = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col >= 60 { return Int(ws.ws_col) }
    return 100
  }

  static func glyphs() -> Glyphs {
    let env = ProcessInfo.processInfo.environment
    let locale = env["LC_ALL"] ?? env["LC_CTYPE"] ?? env["LANG"] ?? ""
    return locale.uppercased().contains("UTF-8") || locale.uppercased().contains("UTF8")
      ? .unicode : .ascii
  }
}

/// Progress on stderr for long reads, only when stderr is a terminal; stdout stays the answer.
final class ProgressLine {
  let enabled = isatty(STDERR_FILENO) == 1
  private var last = 0.0

  func update(lines: Int) {
    guard enabled else { return }
    let now = Date().timeIntervalSince1970
    guard now - last > 0.25 else { return }
    last = now
    StandardError.write("\rsitrep: read \(lines) lines…")
  }

  func finish() {
    guard enabled, last > 0 else { return }
    StandardError.write("\r\u{1B}[K")
  }
}

/// `--at` values: ISO 8601 with a zone, or epoch seconds.
enum TimeArgument {
  /// Epoch seconds up to the end of year 9999, the last an ISO 8601 time can name: `1e20` or
  /// `inf` would only reach the model as a moment no clock or calendar can show.
  static let epochRange: ClosedRange<Double> = TimeTravel.epochRange

  static func parse(_ text: String) -> Double? { TimeTravel.absolute(text) }

  /// Refuses an `--at` value with a message saying what to write instead.
  static func validate(_ text: String?) throws {
    guard let text, parse(text) == nil else { return }
    throw ValidationError(
      "--at takes an ISO 8601 time such as 2026-11-24T14:05:00Z or epoch seconds from 1 to "
        + "\(Int(epochRange.upperBound)) (got \(TextSanitizer.display(text)))")
  }
}
