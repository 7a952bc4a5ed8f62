/// The exception behind a failed request, found among the lines kept around its time: by a
/// request id both logs carry (nginx `$request_id`, an `X-Request-ID` echoed into a JSON record's
/// `request_id`), else by the request's path in an error record near its time, else by time
/// alone. It says which, and how many other error records were as close, so a guess by time reads
/// as a guess.
public struct RequestCause: Sendable, Equatable {
  public enum Evidence: Sendable, Equatable {
    /// The id was on the request's access line and in the record.
    case requestID(String)
    /// The record names the request's path and was logged within the slack of its time.
    case pathAndTime
    /// Only its time: the error record nearest the request.
    case time
  }

  public var evidence: Evidence
  /// The error record: its first line and the traceback lines under it.
  public var lines: [ArchivedLine]
  /// Seconds from the request's time to the record's (negative: logged before the access line).
  public var offsetSeconds: Double
  /// Other error records of the service within the slack, not chosen.
  public var othersNearby: Int

  /// How far from the request's time a record may be and still be its cause: clocks and
  /// buffering of two processes, plus the request's own duration before it.
  public static let slackSeconds = 2.0

  /// The lines a match needs: the service's access and app lines around the request's time.
  public static func window(for r: Request) -> ClosedRange<EpochSeconds> {
    let duration = (r.durationMs ?? 0) / 1000
    return (r.time - duration - slackSeconds - 3)...(r.time + slackSeconds + 3)
  }

  /// `lines`: the service's archived lines around the request (`window(for:)`), any order by
  /// source; `nil` when no error record there can be tied to it.
  public static func find(for r: Request, in lines: [ArchivedLine]) -> RequestCause? {
    let records = errorRecords(lines.filter { $0.role == .app || $0.role == nil })
    guard !records.isEmpty else { return nil }
    let duration = (r.durationMs ?? 0) / 1000
    let near = records.filter {
      $0[0].when >= r.time - duration - slackSeconds && $0[0].when <= r.time + slackSeconds
    }
    func result(_ record: [ArchivedLine], _ evidence: Evidence, among: [[ArchivedLine]])
      -> RequestCause
    {
      RequestCause(
        evidence: evidence, lines: record, offsetSeconds: record[0].when - r.time,
        othersNearby: among.filter { $0 != record }.count)
    }
    for id in requestIDs(on: accessLine(of: r, in: lines)) {
      if let record = records.first(where: { $0.contains { $0.text.contains(id) } }) {
        return result(record, .requestID(id), among: near.filter(isException))
      }
    }
    // A record naming the path is often the app's own "request failed" line, logged next to the
    // exception but without it: it pins the time, and the exception nearest it is the cause.
    let echo =
      r.path.count > 1
      ? near.filter { $0.contains { $0.text.contains(r.path) } }.min {
        distance($0, r.time) < distance($1, r.time)
      }
      : nil
    let anchor = echo?[0].when ?? r.time
    let exceptions = near.filter(isException)
    if let cause = exceptions.min(by: { distance($0, anchor) < distance($1, anchor) }) {
      return result(cause, echo == nil ? .time : .pathAndTime, among: exceptions)
    }
    if let echo { return result(echo, .pathAndTime, among: near) }
    return near.min { distance($0, r.time) < distance($1, r.time) }.map {
      result($0, .time, among: near)
    }
  }

  private static func distance(_ record: [ArchivedLine], _ t: EpochSeconds) -> Double {
    abs(record[0].when - t)
  }

  /// A record with a traceback under it (or inside it, in a JSON field), as opposed to a one-line
  /// error.
  static func isException(_ record: [ArchivedLine]) -> Bool {
    record.count > 1 || record[0].text.contains("Traceback (most recent call last)")
  }

  /// Error records: a line marked as an error and the lines of its record under it.
  static func errorRecords(_ lines: [ArchivedLine]) -> [[ArchivedLine]] {
    var out: [[ArchivedLine]] = []
    var current: [ArchivedLine] = []
    for line in lines {
      if !line.continuesRecord {
        if current.first?.isError == true { out.append(current) }
        current = []
      }
      current.append(line)
    }
    if current.first?.isError == true { out.append(current) }
    return out
  }

  /// The request's own access line: the one nearest its time naming its path and status.
  static func accessLine(of r: Request, in lines: [ArchivedLine]) -> ArchivedLine? {
    lines.filter {
      $0.role == .access && $0.text.contains(r.path) && $0.text.contains(" \(r.status) ")
    }.min { abs($0.when - r.time) < abs($1.when - r.time) }
  }

  /// Tokens on an access line that look like request ids: UUIDs and runs of 16 to 64 hex digits
  /// (nginx's `$request_id` is 32). Times, sizes and paths never look like that.
  static func requestIDs(on line: ArchivedLine?) -> [String] {
    guard let line else { return [] }
    let tokens = line.text.split { !($0.isHexDigit || $0 == "-") }
    return tokens.map(String.init).filter { token in
      let hex = token.filter(\.isHexDigit)
      let isUUID = token.count == 36 && token.filter { $0 == "-" }.count == 4
      let isHexRun = !token.contains("-") && (16...64).contains(token.count)
      return (isUUID || isHexRun) && hex.contains(where: \.isLetter)
        && hex.contains(where: \.isNumber)
    }
  }
}
