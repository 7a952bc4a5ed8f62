import SitrepCore

/// Every source: its format and confidence, state, lines, malformed, stamped in the future,
/// truncated, rotations, the zone zoneless stamps are read in (`?` when guessed), and the latest
/// malformed line of the selected one.
public enum SourcesScreen {
  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    let sources = ScreenRows.sources(state, filter: state.frame.filter)
    let pathWidth = Swift.max(16, area.width - 87)
    let table = Table(
      columns: [
        Column(" path", pathWidth), Column("role", 8), Column("format", 15),
        Column("conf", 5, .right),
        Column("state", 10), Column("lines", 8, .right), Column("bad", 6, .right),
        Column("fut", 5, .right),
        Column("cut", 5, .right),
        Column("rot", 4, .right), Column("zone", 9),
      ],
      rows: sources.map { s in
        let stateRole: Role = s.trouble == nil ? .ok : (s.state == .waiting ? .warn : .crit)
        return TableRow([
          (
            " "
              + TextFit.clipLeft(
                // A host's file reads as `HOST:/path`, the way remote sources are written.
                TextSanitizer.display((s.host.map { $0 + ":" } ?? "") + s.path), pathWidth - 1,
                ellipsis: ctx.glyphs.ellipsis),
            .normal
          ),
          (s.role?.rawValue ?? "?", .muted),
          (
            s.detection.map { $0.label + ($0.forced ? "*" : "") } ?? "unknown",
            s.detection == nil ? .warn : .normal
          ),
          (s.detection.map { String(cFormat: "%.2f", $0.confidence) } ?? "—", .muted),
          (s.state.label, stateRole), ("\(s.lines)", .normal),
          ("\(s.malformed)", s.malformed > 0 ? .warn : .muted),
          ("\(s.future)", s.future > 0 ? .warn : .muted),
          ("\(s.truncated)", s.truncated > 0 ? .warn : .muted), ("\(s.rotations)", .muted),
          (
            s.zone.map { $0.cell(now: state.snapshot.now) } ?? "—",
            s.zone?.isGuess == true ? .warn : .muted
          ),
        ])
      }, selected: state.frame.selected, showSelection: true)
    let tableHeight = Swift.min(area.height - 4, sources.count + 2)
    let (top, rest) = area.splitTop(Swift.max(2, tableHeight))
    table.render(into: &canvas, area: top, glyphs: ctx.glyphs)
    guard sources.indices.contains(state.frame.selected) else { return }
    let s = sources[state.frame.selected]
    var lines: [(String, Role)] = [("", .normal)]
    if let t = s.trouble { lines.append((" \(TextSanitizer.display(s.path)): \(t)", .warn)) }
    if case .unreadable(let why) = s.state { lines.append((" \(why)", .crit)) }
    CommandLines.append(s, to: &lines)
    if s.state == .vanished {
      lines.append(
        (
          " \(s.vanishedFiles) file\(s.vanishedFiles == 1 ? "" : "s") this glob matched are gone "
            + "(deleted, not back within a minute): their rows went, their counts are kept here",
          .muted
        ))
    }
    if s.namedBy.count > 1 {
      let names = s.namedBy.map { TextSanitizer.display($0) }.joined(separator: " and ")
      lines.append((" read once, named by " + names, .muted))
    }
    if let zone = s.zone, let note = zone.note(now: state.snapshot.now) {
      let hint = zone.isGuess ? "; set tz in config or --tz if wrong" : ""
      lines.append((" \(note)\(hint)", zone.isGuess ? .warn : .muted))
    }
    if !s.recentMalformed.isEmpty {
      lines.append((" latest malformed lines:", .title))
      for m in s.recentMalformed.reversed() { lines.append(("  " + m, .muted)) }
    }
    TextLines.render(lines, into: &canvas, area: rest, ctx: ctx)
  }
}
