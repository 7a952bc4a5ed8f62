import SitrepCore

/// A service's host breakdown as lines: one row per host with its requests, rps, 5xx share and
/// p95, its state, the worst host marked, and the host the screen is filtered to pointed at.
/// Drawn on the service screen and printed by the text report, from the same `HostSnapshot`s.
public enum HostLines {
  public static func rows(
    _ s: ServiceSnapshot, filter: String?, glyphs: Glyphs, nameWidth: Int = 14
  ) -> [(String, Role)] {
    guard !s.hosts.isEmpty else { return [] }
    let width = Swift.max(nameWidth, s.hosts.map { CellWidth.of($0.name) }.max() ?? 0)
    var lines: [(String, Role)] = [
      (
        "   " + TextFit.padRight("host", width) + TextFit.padLeft("req", 8)
          + TextFit.padLeft("rps", 8) + TextFit.padLeft("err", 7) + TextFit.padLeft("p95", 8)
          + "  state",
        .muted
      )
    ]
    for h in s.hosts {
      let st = h.stats
      let pointer = h.name == filter ? glyphs.arrowRight : " "
      let known = st.requests > 0
      var state = h.state.label
      if let trouble = h.trouble { state += ": " + TextSanitizer.display(trouble) }
      if h.isWorst { state += "  \(glyphs.warn) worst" }
      let role: Role =
        h.state != .up
        ? .crit
        : h.isWorst
          ? .warn
          : (st.errorRate ?? 0) > s.thresholds.errorRate ? .warn : .normal
      lines.append(
        (
          " \(pointer) " + TextFit.padRight(TextSanitizer.display(h.name), width)
            + TextFit.padLeft("\(st.requests)", 8)
            + TextFit.padLeft(known ? Formatting.rate(st.rps) : "—", 8)
            + TextFit.padLeft(Formatting.percent(st.errorRate), 7)
            + TextFit.padLeft(Formatting.latency(st.p95Ms), 8) + "  " + state,
          role
        ))
    }
    return lines
  }

  /// The text report's "Hosts of api:" blocks, for every service with hosts.
  public static func lines(_ snapshot: Snapshot, glyphs: Glyphs) -> [String] {
    snapshot.services.filter { !$0.hosts.isEmpty }.flatMap { s in
      ["Hosts of \(s.name):"] + rows(s, filter: nil, glyphs: glyphs).map(\.0)
    }
  }
}
