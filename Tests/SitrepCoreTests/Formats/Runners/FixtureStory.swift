import Foundation
import Testing

@testable import SitrepCore

/// One recorded folder under `Fixtures/formats/`: its logs and `story.json`, what the recording
/// script saw happen. Tests compare sitrep's reading with the story, never with a parser's.
struct FixtureStory {
  /// One job run as the story tells it.
  struct Run {
    /// The name as the runner prints it: the enqueued function (`jobs.charge`,
    /// `huey_tasks.charge`) when the story lists the jobs, else the job's own name.
    var name: String
    var succeeded: Bool
    /// When the job's function returned or raised (epoch seconds).
    var time: Double
    var exceptionType: String?
    var exceptionMessage: String?
  }

  /// One exception the program logged.
  struct Raised {
    var type: String
    var message: String
    /// The exception it was chained to ("direct cause" or "during handling"), `Type: message`.
    var chainedTo: String?
  }

  let name: String
  let json: [String: Any]

  static let folder = FixtureDetectionTests.root.appendingPathComponent("formats")

  init(_ name: String) throws {
    self.name = name
    let data = try Data(contentsOf: Self.folder.appendingPathComponent(name + "/story.json"))
    json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// The raw lines of one of the folder's logs, as `fixtureLines` gives them.
  func lines(_ file: String) throws -> [[UInt8]] {
    let data = try Data(contentsOf: Self.folder.appendingPathComponent(name + "/" + file))
    var lines = [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false)
      .map(Array.init)
    if lines.last?.isEmpty == true { lines.removeLast() }
    return lines
  }

  /// How many lines the recording kept in `file`.
  func lineCount(_ file: String) throws -> Int {
    let logs = try #require(json["logs"] as? [String: Any])
    let log = try #require(logs[file] as? [String: Any])
    return try #require(log["lines"] as? Int)
  }

  var runs: [Run] {
    let jobs = (json["jobs"] as? [[String: Any]]) ?? []
    return ((json["runs"] as? [[String: Any]]) ?? []).map { run in
      let arg = "\(run["arg"] ?? "")"
      let listed = jobs.first { job in
        ((job["args"] as? [Any])?.first).map { "\($0)" } == arg
      }
      let raised = run["raised"] as? [String: Any]
      return Run(
        name: (listed?["func"] as? String) ?? (run["job"] as? String) ?? "?",
        succeeded: run["outcome"] as? String == "ok", time: (run["t"] as? Double) ?? 0,
        exceptionType: raised?["type"] as? String, exceptionMessage: raised?["message"] as? String)
    }
  }

  var exceptions: [Raised] {
    ((json["exceptions"] as? [[String: Any]]) ?? []).map { e in
      let chained = (e["cause"] ?? e["context"]) as? [String: Any]
      return Raised(
        type: (e["type"] as? String) ?? "?", message: (e["message"] as? String) ?? "",
        chainedTo: chained.map { "\($0["type"] ?? "?"): \($0["message"] ?? "")" })
    }
  }

  /// A little after the last run: when tests pretend the lines were read, so stamps with only
  /// a time of day land on the recording's date.
  var readAt: EpochSeconds { (runs.map(\.time).max() ?? 1_795_709_700) + 600 }
}

/// The job board a decoder's events build, by job name.
func jobBoard(_ events: [JobEvent]) -> [String: JobTracker] {
  var board: [String: JobTracker] = [:]
  for e in events { board[e.name, default: JobTracker(name: e.name)].record(e) }
  return board
}

/// Checks a job runner's reading of `file` against the story: the same job names, each job's
/// runs and failures, its last success, each failure's exception; no run left open; every line
/// counted once and none malformed.
func expectJobsMatchStory(
  _ story: FixtureStory, file: String, format: String,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> Decoded {
  let lines = try story.lines(file)
  let d = try decode(format, lines: lines, readAt: story.readAt)
  #expect(total(d.counts) == lines.count, sourceLocation: sourceLocation)
  #expect(lines.count == (try story.lineCount(file)), sourceLocation: sourceLocation)
  #expect(d.counts.malformed == 0, "\(d.counts.recentMalformed)", sourceLocation: sourceLocation)
  let board = jobBoard(d.jobs)
  let told = Dictionary(grouping: story.runs, by: \.name)
  #expect(Set(board.keys) == Set(told.keys), sourceLocation: sourceLocation)
  for (name, runs) in told {
    guard let tracker = board[name] else { continue }
    let finished = tracker.runs.filter { $0.outcome == .success || $0.outcome == .failure }
    #expect(finished.count == runs.count, "\(name) runs", sourceLocation: sourceLocation)
    let failures = tracker.runs.filter { $0.outcome == .failure }
    #expect(
      failures.count == runs.filter { !$0.succeeded }.count, "\(name) failures",
      sourceLocation: sourceLocation)
    #expect(
      !tracker.runs.contains { $0.outcome == .running }, "\(name) left running",
      sourceLocation: sourceLocation)
    // Some runners stamp whole seconds only; the story has the function's own clock.
    let lastOK = runs.filter(\.succeeded).map(\.time).max()
    if let lastOK {
      #expect(
        approx(tracker.lastSuccessAt, lastOK, tolerance: 1.0), "\(name) last success",
        sourceLocation: sourceLocation)
    } else {
      #expect(tracker.lastSuccessAt == nil, sourceLocation: sourceLocation)
    }
    let raised = runs.filter { !$0.succeeded }
    #expect(
      failures.map { $0.exception?.type } == raised.map(\.exceptionType),
      "\(name) exception types", sourceLocation: sourceLocation)
    #expect(
      failures.map { $0.exception?.message } == raised.map(\.exceptionMessage),
      "\(name) exception messages", sourceLocation: sourceLocation)
  }
  return d
}

/// Checks an app log's reading against the story: the records' levels in order, and the
/// exceptions (type, message, what they were chained to) in order; no escape code left in any
/// text; every line counted once.
func expectRecordsMatchStory(
  _ story: FixtureStory, file: String, format: String, levels: [LogLevel], malformed: Int = 0,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> Decoded {
  let lines = try story.lines(file)
  #expect(lines.count == (try story.lineCount(file)), sourceLocation: sourceLocation)
  let detected = FormatDetector.detect(lines: lines)
  #expect(detected?.format == format, sourceLocation: sourceLocation)
  let d = try decode(format, lines: lines, readAt: 1_795_710_000)
  #expect(total(d.counts) == lines.count, sourceLocation: sourceLocation)
  #expect(
    d.counts.malformed == malformed, "\(d.counts.recentMalformed)",
    sourceLocation: sourceLocation)
  #expect(d.records.map(\.level) == levels, sourceLocation: sourceLocation)
  let found = d.records.compactMap(\.exception)
  let told = story.exceptions
  #expect(found.map(\.type) == told.map(\.type), sourceLocation: sourceLocation)
  #expect(found.map(\.message) == told.map(\.message), sourceLocation: sourceLocation)
  #expect(found.map(\.causes.first) == told.map(\.chainedTo), sourceLocation: sourceLocation)
  let texts = d.records.flatMap { [$0.message] + ($0.exception?.traceback ?? []) }
  #expect(!texts.contains { $0.unicodeScalars.contains("\u{1B}") }, sourceLocation: sourceLocation)
  return d
}
