/// `?`: every key of the current view, in a box over the screen.
public enum HelpOverlay {
  public static func keys(for screen: Screen) -> [(String, String)] {
    var keys: [(String, String)] = []
    switch screen {
    case .main:
      keys += [
        ("Tab / Shift-Tab", "next / previous panel (Services, Timeline, Jobs, Errors, Deploy)"),
        (
          "←→ on Timeline",
          "step through the selected service's time chart; Enter: that step's lines"
        ),
        ("↑↓ or j k", "select"),
        ("PgUp PgDn g G", "page, top, bottom"),
        ("Enter or →", "open the selected service, job or deploy"),
        ("l", "raw log lines of the selection"),
        ("e", "error signatures"), ("d", "deploy before/after"),
        ("s", "sources: formats, lines, malformed"),
      ]
    case .service:
      keys += [
        ("↑↓ or j k", "select route"), ("o", "sort routes: requests, error rate, p95, name"),
        ("Enter", "the route: numbers, its 5xx and slowest requests"),
        ("l", "raw log lines of this service"),
      ]
    case .route:
      keys += [
        ("↑↓ or j k", "select a request"), ("Enter", "the request and the exception behind it"),
        ("l", "raw lines with the route's path"),
      ]
    case .request:
      keys += [
        ("↑↓ PgUp PgDn g G", "scroll the exception"), ("z", "show / fold library frames"),
        ("Enter or l", "raw lines around the request"),
      ]
    case .job:
      keys += [
        ("↑↓ or j k", "select run"), ("Enter", "the run: exception and traceback"),
        ("l", "raw lines of this job"),
      ]
    case .run:
      keys += [
        ("↑↓ PgUp PgDn g G", "scroll the traceback"), ("z", "show / fold library frames"),
        ("Enter or l", "raw log lines of this run"),
      ]
    case .deploy:
      keys += [
        ("↑↓ or j k", "select a deploy"), ("Enter", "compare before/after around it (top: latest)"),
      ]
    case .errors:
      keys += [("↑↓ or j k", "select"), ("Enter", "the signature: sample traceback, occurrences")]
    case .error:
      keys += [
        ("↑↓ PgUp PgDn g G", "scroll the traceback"), ("z", "show / fold library frames"),
        ("Enter or l", "occurrences in the raw log"),
      ]
    case .sources:
      keys += [("↑↓ or j k", "select a source"), ("Enter", "its raw lines")]
    case .record:
      keys += [("↑↓ PgUp PgDn g G", "scroll"), ("z", "show / fold library frames")]
    case .log:
      keys += [
        ("/ ?", "search down / up (regex, smart case)"),
        ("n N", "next / previous match"), ("&", "show only matching lines (empty: all)"),
        ("Esc", "clear filter, then search, then back"),
        ("Ctrl-U Ctrl-W ↑↓", "in a prompt: clear, delete word, history"),
        ("e E", "next / previous error"),
        ("Enter", "the current line's record, laid out (JSON fields, traceback)"),
        ("g G", "top (reads older lines from the file) / end"),
        ("↑↓ PgUp PgDn", "scroll; past the top, read older lines from the file"),
        ("← → or h l", "scroll sideways"),
      ]
    }
    keys += [
      ("w", "window: 1m 5m 15m 1h"), ("f", "follow / pause the screen"), ("t", "next theme"),
      ("[ ] { }", "the files as of a minute / a window earlier or later (not live; :at now)"),
      ("y", "copy the traceback, record or selected name to the clipboard (OSC 52)"),
      ("r", "reset counters (asks first)"),
      (
        "click, wheel",
        "click selects a row (and its panel), double-click opens it as Enter; the wheel scrolls "
          + "what is under the pointer. Shift+drag selects text; --no-mouse turns it off"
      ),
      ("Esc or Backspace", "back"),
      ("q", "back, or quit on the main screen"),
      ("Q or Ctrl-C", "quit from anywhere"),
      (":", "command: window, at, theme, service, job, errors, deploy, q (Tab completes)"),
    ]
    if case .log = screen {
    } else {
      keys.append(("m", "host filter: all hosts, then each host in turn (services, 5xx, errors)"))
    }
    if case .log = screen {
      keys.append(("H", "this help (any key closes it)"))
    } else {
      keys.append(("?", "this help (any key closes it)"))
    }
    return keys
  }

  static let boxWidth = 72
  static let keyColumn = 19

  /// The help as rows of (key, text) for a box `width` wide: a description too long for its
  /// column continues on the rows under it, never cut.
  public static func rows(for screen: Screen, width: Int) -> [(String, String)] {
    let room = Swift.max(8, width - keyColumn - 2)
    return keys(for: screen).flatMap { key, what in
      wordWrap(what, width: room).enumerated().map { ($0.offset == 0 ? key : "", $0.element) }
    }
  }

  /// Words in rows of at most `width` columns; a word longer than a row is cut where it must.
  static func wordWrap(_ text: String, width: Int) -> [String] {
    var rows: [String] = []
    var row = ""
    for word in text.split(separator: " ").map(String.init) {
      let candidate = row.isEmpty ? word : row + " " + word
      if CellWidth.of(candidate) <= width {
        row = candidate
      } else {
        if !row.isEmpty { rows.append(row) }
        row = word
        while CellWidth.of(row) > width {
          let head = TextFit.clip(row, width, ellipsis: "")
          rows.append(head)
          row = String(row.unicodeScalars.dropFirst(head.unicodeScalars.count))
        }
      }
    }
    if !row.isEmpty || rows.isEmpty { rows.append(row) }
    return rows
  }

  /// Rows the box shows at once on a screen `height` rows tall when it scrolls (header and footer, the
  /// margin, the borders and the last line aside).
  static func visibleRows(height: Int) -> Int { Swift.max(1, height - 7) }

  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    let width = Swift.min(area.width - 2, boxWidth)
    let rows = rows(for: state.screen, width: width)
    let height = Swift.min(area.height - 2, rows.count + 3)
    guard width > 10, height > 3 else { return }
    let box = Rect(
      x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width,
      height: height)
    canvas.fill(box)
    canvas.mark(box, .help)
    let inner = PanelFrame(title: "Keys: \(state.screen.crumb)", focused: true).render(
      into: &canvas, area: box, glyphs: ctx.glyphs)
    let shown = inner.height - 1
    let top = Swift.min(state.helpScroll, Swift.max(0, rows.count - shown))
    for (i, (key, what)) in rows.dropFirst(top).prefix(shown).enumerated() {
      let y = inner.y + i
      let x = canvas.put(
        " " + TextFit.padRight(key, keyColumn - 1), x: inner.x, y: y, role: .key, bold: true,
        clip: inner)
      canvas.put(what, x: x, y: y, clip: inner)
    }
    let last =
      rows.count > shown
      ? " ↑↓ scroll (\(top + 1)-\(top + Swift.min(shown, rows.count - top)) of \(rows.count)) · any other key closes"
      : " any key closes"
    canvas.put(last, x: inner.x, y: inner.maxY - 1, role: .muted, clip: inner)
  }
}
