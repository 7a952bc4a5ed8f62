import SitrepCore

/// One record from a log view, laid out for reading: a JSON record one field per line with its
/// traceback as Python printed it, a plain record with its traceback folded and scrollable.
public enum RecordScreen {
  static func detail(_ lines: [ArchivedLine], state: AppState, glyphs: Glyphs) -> DetailBody {
    guard let first = lines.first else {
      return DetailBody(head: [(" no record", .muted)], body: [], focus: nil)
    }
    let off = state.snapshot.offsetSeconds
    let head: [(String, Role)] = [
      (
        " \(first.path) · "
          + (first.stamped.map { Formatting.clock($0, offsetSeconds: off) } ?? "no time")
          + (first.service.map { " · \($0)" } ?? ""), .muted
      ),
      ("", .normal),
    ]
    var body: [(String, Role)]
    var traceback: [String]
    if lines.count == 1, let record = RecordText.json(first.text) {
      body = record.fields.map { (" " + $0, first.isError ? .crit : .normal) }
      traceback = record.traceback
    } else {
      body = TracebackLines.wrap(" " + first.text, width: state.width).map {
        ($0, first.isError ? .crit : .normal)
      }
      traceback = lines.dropFirst().map(\.text)
    }
    let tb = TracebackLines.make(
      traceback, unfolded: state.frame.unfolded, glyphs: glyphs, width: state.width)
    let offset = body.count
    return DetailBody(head: head, body: body + tb.lines, focus: tb.focus.map { $0 + offset })
  }
}
