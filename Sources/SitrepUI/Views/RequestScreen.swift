import SitrepCore

/// One request and the exception behind it: found by request id, else by path and time, else by
/// time alone, in the lines kept around the request (`RequestCause`), and saying which; or
/// saying plainly that nothing matched.
public enum RequestScreen {
  static func detail(_ r: Request, service: String, state: AppState, glyphs: Glyphs)
    -> DetailBody
  {
    let off = state.snapshot.offsetSeconds
    var head: [(String, Role)] = [
      (
        " \(r.status)  \(r.method) \(TextSanitizer.display(r.path))  took \(Formatting.latency(r.durationMs))",
        r.status >= 500 ? .crit : .warn
      ),
      (
        " at \(Formatting.clock(r.time, offsetSeconds: off)) on \(service) · route \(r.route) · client \(TextSanitizer.display(r.client))"
          + (r.userAgent.map { " · \(TextSanitizer.display($0))" } ?? ""), .muted
      ),
      ("", .normal),
    ]
    let lines = state.log.lines
    guard let cause = RequestCause.find(for: r, in: lines) else {
      let appLines = lines.filter { $0.role == .app }
      let why =
        appLines.isEmpty
        ? "no app-log lines of \(service) are kept from around this time"
        : "no error record in \(service)'s app log within \(Int(RequestCause.slackSeconds)) s of it"
      head.append((" No matching exception: \(why).", .muted))
      return DetailBody(
        head: head, body: [(" Enter shows the lines around it.", .muted)], focus: nil)
    }
    let gap =
      Formatting.latency(abs(cause.offsetSeconds) * 1000)
      + (cause.offsetSeconds < 0 ? " before" : " after")
    let how: String
    switch cause.evidence {
    case .requestID(let id): how = "matched by request id \(id)"
    case .pathAndTime: how = "matched by its path, logged \(gap) the request"
    case .time:
      how =
        "matched by time only, logged \(gap) the request"
        + (cause.othersNearby > 0 ? " (\(cause.othersNearby) other error records as near)" : "")
    }
    head.append((" The exception: \(how)", cause.evidence == .time ? .warn : .title))
    var body: [(String, Role)]
    var traceback: [String]
    if cause.lines.count == 1, let record = RecordText.json(cause.lines[0].text) {
      // A JSON record: its fields one per line, its traceback as Python printed it.
      body = record.fields.map { ("   " + $0, .normal) }
      traceback = record.traceback
    } else {
      body = [(" " + cause.lines[0].text, .crit)]
      traceback = cause.lines.dropFirst().map(\.text)
    }
    let tb = TracebackLines.make(
      traceback, unfolded: state.frame.unfolded, glyphs: glyphs, width: state.width)
    let offset = body.count
    body += tb.lines
    return DetailBody(head: head, body: body, focus: tb.focus.map { $0 + offset })
  }
}
