import SitrepCore

/// `sitrep report` without --json: the dashboard's own panels rendered into a canvas tall enough
/// for everything, then printed as plain text (no colour, no keys).
public enum TextReport {
  /// Widths a report is drawn at: narrower would not fit the panels; wider only costs memory
  /// (a canvas of `--width 100000000` took 7.6 GB) with nothing more to show.
  public static let drawnWidths = 60...1000
  /// Widths `--width` accepts; from 1 to 59 the report is drawn 60 wide.
  public static let widths = 1...drawnWidths.upperBound

  public static func render(_ snapshot: Snapshot, width: Int, glyphs: Glyphs) -> String {
    let w = Swift.min(Swift.max(drawnWidths.lowerBound, width), drawnWidths.upperBound)
    let ctx = ViewContext(glyphs: glyphs)
    // No panel is focused in a report (the panels are drawn off the main screen): nothing is
    // highlighted.
    let state = AppState(
      snapshot: snapshot, window: snapshot.window, themeName: "monochrome", width: w, height: 24,
      root: .sources)
    // Exactly the rows the deploy panel will draw (one for "no deploy seen").
    let deployLines = Swift.max(
      1,
      snapshot.deploy.map {
        DeployPanel.lines($0, glyphs: glyphs, width: w - 3).count
          + (snapshot.gate?.deploy == $0.deploy ? 1 : 0)  // the watch's line
      } ?? 1)
    let servicesHeight = snapshot.services.count + 2
    let jobsHeight = Swift.max(1, snapshot.jobs.count) + 2
    let deployHeight = deployLines + 2
    var out: [String] = []
    out.append(
      "sitrep report \(glyphs.separator) window \(snapshot.window.label) \(glyphs.separator) as of \(Formatting.iso8601(snapshot.now))"
    )
    var canvas = Canvas(width: w, height: servicesHeight + jobsHeight + deployHeight)
    let (top, rest) = canvas.bounds.splitTop(servicesHeight)
    ServicesPanel.render(state, into: &canvas, area: top, ctx: ctx)
    let (jobs, deploy) = rest.splitTop(jobsHeight)
    JobsPanel.render(state, into: &canvas, area: jobs, ctx: ctx)
    DeployPanel.render(state, into: &canvas, area: deploy, ctx: ctx)
    out += canvas.lines
    if let note = snapshot.coverageNote { out.append("\(glyphs.warn) \(note)") }
    for service in snapshot.services where service.verdict.verdict != .up {
      out.append(
        "\(service.name): \(service.verdict.verdict.rawValue) \(glyphs.separator) \(service.reasonWithWorstHost)"
      )
    }
    out += HostLines.lines(snapshot, glyphs: glyphs)
    if !snapshot.errors.isEmpty {
      out.append("Errors in \(snapshot.window.label):")
      for e in snapshot.errors.prefix(10) {
        out.append(
          "  \(TextFit.padLeft(String(e.count(since: snapshot.now - snapshot.window.seconds)), 5))x  \(e.display)"
        )
      }
    }
    out.append("Sources:")
    for s in snapshot.sources {
      var line =
        "  \(s.path)  \(s.detection?.label ?? "unknown") \(s.state.label)  \(s.lines) lines"
      if s.vanishedFiles > 0 { line += " from \(s.vanishedFiles) files gone" }
      if s.malformed > 0 { line += ", \(s.malformed) malformed" }
      if s.future > 0 { line += ", \(s.future) in the future" }
      if s.truncated > 0 { line += ", \(s.truncated) truncated" }
      if s.rotations > 0 { line += ", \(s.rotations) rotations" }
      if s.invalidUTF8 > 0 { line += ", \(s.invalidUTF8) not UTF-8" }
      if s.withNUL > 0 { line += ", \(s.withNUL) with NUL bytes" }
      if s.truncations > 0 {
        line +=
          ", truncated under the reader \(s.truncations)x (\(s.recoveredBytes) bytes recovered)"
      }
      if s.namedBy.count > 1 {
        line += ", read once, named by " + s.namedBy.joined(separator: " and ")
      }
      // A guessed zone moves every zoneless line; say so where an engineer will look.
      if let zone = s.zone, zone.isGuess, let note = zone.note(now: snapshot.now) {
        line += ", \(note)"
      }
      if let host = s.host { line += ", host \(host)" }
      if s.restarts > 0 { line += ", restarted \(s.restarts)x" }
      if let t = s.trouble { line += "  \(glyphs.crit) \(t)" }
      out.append(line)
    }
    // Reasons, signatures and paths come from untrusted logs and file names: no escape sequence,
    // control or bidi override reaches stdout; zero-width characters would misalign the columns.
    let text = out.map { line in
      String(
        String.UnicodeScalarView(
          TextSanitizer.display(line).unicodeScalars.filter { CellWidth.of($0) > 0 || $0 == " " }))
    }.joined(separator: "\n")
    return glyphs.isUnicode ? text : AsciiFold.fold(text)
  }
}
