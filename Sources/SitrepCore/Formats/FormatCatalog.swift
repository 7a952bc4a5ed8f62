/// Every format sitrep reads, and detection of a source's format from its first lines.
public enum FormatCatalog {
  /// One catalog entry: the descriptor plus how detection treats it.
  struct Entry: Sendable {
    var descriptor: FormatDescriptor
    /// Breaks near-ties: the format that asks more of a line wins when both fit it (nginx
    /// combined over common, celery over python-logging on celery lines).
    var specificity: Int
    /// Aliases and forced-only variants are reachable by id but never detected.
    var detectable: Bool = true
  }

  static let entries: [Entry] = [
    Entry(descriptor: AccessFormats.nginxCombined, specificity: 3),
    Entry(descriptor: AccessFormats.apacheCommon, specificity: 1),
    Entry(descriptor: AccessFormats.nginxCommon, specificity: 1, detectable: false),
    Entry(descriptor: AccessFormats.gunicorn, specificity: 3),
    Entry(descriptor: AccessFormats.gunicornMicroseconds, specificity: 3, detectable: false),
    Entry(descriptor: AccessFormats.gunicornMilliseconds, specificity: 3, detectable: false),
    Entry(descriptor: UvicornDecoder.descriptor, specificity: 3),
    Entry(descriptor: PythonLoggingRules.descriptor, specificity: 1),
    Entry(descriptor: GunicornErrorRules.descriptor, specificity: 3),
    Entry(descriptor: JSONLogRules.descriptor, specificity: 1),
    Entry(descriptor: LogfmtRules.descriptor, specificity: 1),
    Entry(descriptor: CeleryRules.descriptor, specificity: 4),
    Entry(descriptor: RQRules.descriptor, specificity: 3),
    Entry(descriptor: SyslogJobsRules.descriptor, specificity: 2),
    Entry(descriptor: JSONJobsRules.descriptor, specificity: 2),
    Entry(descriptor: DeployJSONLRules.descriptor, specificity: 2),
    Entry(descriptor: DeployKVRules.descriptor, specificity: 3),
    Entry(descriptor: CapistranoRules.descriptor, specificity: 4),
    Entry(descriptor: PrometheusFormat.descriptor, specificity: 4),
    // Python web servers and proxies (issue 14). Each scores the lines it shares with an older
    // format (gunicorn's error records, Python logging, Caddy's own JSON) below that format, so
    // files of those lines alone keep their detection; its request lines win.
    Entry(descriptor: UvicornGunicornRules.descriptor, specificity: 4),
    Entry(descriptor: WerkzeugRules.descriptor, specificity: 4),
    Entry(descriptor: DjangoRunserverRules.descriptor, specificity: 4),
    Entry(descriptor: UWSGIRules.descriptor, specificity: 4),
    Entry(descriptor: HypercornRules.descriptor, specificity: 4),
    Entry(descriptor: DaphneRules.descriptor, specificity: 4),
    Entry(descriptor: CaddyRules.descriptor, specificity: 3),
    Entry(descriptor: NginxJSONDecoder.descriptor, specificity: 3),
    Entry(descriptor: HAProxyRules.descriptor, specificity: 4),
    // Plain messages inside a journal export: chosen by wrapper detection, never on its own.
    Entry(descriptor: WrappedMessageDecoder.descriptor, specificity: 0, detectable: false),
    // App and job formats (issue 14)
    Entry(descriptor: LoguruRules.descriptor, specificity: 3),
    Entry(descriptor: StructlogConsoleRules.descriptor, specificity: 3),
    Entry(descriptor: DramatiqRules.descriptor, specificity: 4),
    Entry(descriptor: HueyRules.descriptor, specificity: 4),
    Entry(descriptor: APSchedulerRules.descriptor, specificity: 3),
    Entry(descriptor: ArqRules.descriptor, specificity: 3),
    // Last and least specific: what nothing above claims but is plainly a log.
    Entry(descriptor: GenericLogRules.descriptor, specificity: 0),
  ]

  /// All formats, in the order `sitrep help formats` lists them.
  public static let all: [FormatDescriptor] = entries.map(\.descriptor)

  public static func descriptor(id: String) -> FormatDescriptor? {
    let wanted = id.lowercased()
    if let hit = all.first(where: { $0.id == wanted }) { return hit }
    // Common spellings people type in config.
    let aliases = [
      "combined": "nginx-combined", "nginx": "nginx-combined", "common": "apache-common",
      "clf": "apache-common", "python": "python-logging", "jsonl": "json", "structlog": "json",
      "cron": "syslog-jobs", "syslog": "syslog-jobs",
    ]
    return aliases[wanted].flatMap { target in all.first { $0.id == target } }
  }

  /// The format `text` names or defines: a catalog id or alias first, else a definition in the
  /// user's own language (an nginx `log_format`, an Apache `LogFormat`, a gunicorn
  /// `access_log_format`, a Python logging format with `dateFormat` as its `datefmt`, a regex
  /// with named groups), compiled once. A word that is neither is refused with a did-you-mean.
  public static func resolve(_ text: String, dateFormat: String? = nil) throws(DeclaredFormatError)
    -> FormatDescriptor
  {
    let word = String(text.trimmingSpacesAndNewlines)
    if let known = descriptor(id: word) { return known }
    if isFormatID(word) {
      let ids = all.map(\.id)
      let guess = KeySuggestion.suggestion(for: word, among: ids)
      throw DeclaredFormatError(
        "format = \"\(word)\" is not a format sitrep knows",
        fix: guess.map { "did you mean \"\($0)\"?" }
          ?? "see the README's format list; known: " + ids.sorted().joined(separator: ", "))
    }
    return try DeclaredDefinition.descriptor(text, dateFormat: dateFormat)
  }

  /// Whether `text` is a word like a catalog id (`nginx-combined`) rather than a definition.
  static func isFormatID(_ text: String) -> Bool {
    !text.isEmpty
      && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
  }

  /// Below this mean score nothing is claimed: better "unknown format" than a wrong one.
  public static let threshold = 0.5

  /// Picks the format that understands `sample` best. Traceback lines and blank lines are
  /// skipped (they belong to whichever format holds the record). Near-ties (within 0.05) go to
  /// the more specific format. Confidence is the mean score, reduced when the runner-up of a
  /// different role came close.
  public static func detect(sample: [String]) -> Detection? {
    detect(sample: sample, among: entries)
  }

  /// Detection among some entries only (tests compare the catalog with and without a format).
  static func detect(sample: [String], among entries: [Entry]) -> Detection? {
    let lines = sample.lazy.filter { !$0.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
      .filter { !TracebackAssembler.looksLikeContinuation($0) }
      .prefix(FormatDetector.sampleLines)
    let kept = Array(lines)
    guard !kept.isEmpty else { return nil }
    var scored: [(entry: Entry, mean: Double)] = []
    for entry in entries where entry.detectable {
      var total = 0.0
      for line in kept {
        let s = entry.descriptor.scoreLine(line)
        total += s.isFinite ? min(1, max(0, s)) : 0
      }
      scored.append((entry, total / Double(kept.count)))
    }
    let top = scored.map(\.mean).max() ?? 0
    let best = scored.filter { top - $0.mean <= 0.05 }.max { a, b in
      a.entry.specificity != b.entry.specificity
        ? a.entry.specificity < b.entry.specificity : a.mean < b.mean
    }
    guard let winner = best, winner.mean >= threshold else { return nil }
    let runnerUp =
      scored.filter { $0.entry.descriptor.id != winner.entry.descriptor.id }
      .map(\.mean).max() ?? 0
    // A lead of 0.3 or more keeps the full fit; a dead heat halves it; linear in between.
    let margin = max(0, winner.mean - runnerUp)
    let confidence = winner.mean * (0.5 + 0.5 * min(1, margin / 0.3))
    return Detection(
      format: winner.entry.descriptor.id, role: winner.entry.descriptor.role,
      confidence: (confidence * 1000).rounded() / 1000)
  }
}
