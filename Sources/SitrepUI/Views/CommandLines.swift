import SitrepCore

/// What the sources screen says under a command source (`[[source]] command`, `HOST:/path`,
/// `journal:`, `docker:`): the argv it runs, its host, how it last ended and its last stderr
/// lines, so a failing ssh explains itself on the row that stopped.
enum CommandLines {
  static func append(_ s: SourceHealth, to lines: inout [(String, Role)]) {
    guard let command = s.command else { return }
    let runs = command.map { TextSanitizer.display($0) }.joined(separator: " ")
    lines.append((" runs: " + runs, .muted))
    var facts: [String] = []
    if let host = s.host { facts.append("host " + TextSanitizer.display(host)) }
    if s.restarts > 0 { facts.append("restarted \(s.restarts)x") }
    if let exit = s.lastExit { facts.append("last " + TextSanitizer.display(exit)) }
    if !facts.isEmpty {
      let failing = if case .failing = s.state { true } else { false }
      lines.append((" " + facts.joined(separator: ", "), failing ? .crit : .muted))
    }
    if !s.stderrTail.isEmpty {
      lines.append((" its standard error, last lines:", .title))
      for line in s.stderrTail { lines.append(("  " + TextSanitizer.display(line), .muted)) }
    }
  }
}
