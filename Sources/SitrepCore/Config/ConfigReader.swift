import TOMLKit

/// Where a value sits: the top level, or the `index`th `[[service]]`/`[[job]]`/`[[source]]`.
struct ConfigPlace {
  var table: String
  var index: Int?
  /// How errors name the place: `[[service]] "api"`.
  var title: String

  static let top = ConfigPlace(table: "", index: nil, title: "the top level")
}

/// Turns a parsed TOML table into `SitrepConfig`, collecting every problem with its line and fix.
struct ConfigReader {
  let path: String
  let locator: ConfigKeyLocator
  let knownFormats: Set<String>?
  private(set) var errors: [ConfigError] = []

  init(path: String, locator: ConfigKeyLocator, knownFormats: Set<String>? = nil) {
    self.path = path
    self.locator = locator
    self.knownFormats = knownFormats
  }

  static let topKeys = [
    "window", "theme", "mouse", "backfill", "backfill_time", "service", "job", "source", "host",
    "prometheus",
  ]
  static let serviceKeys = [
    "name", "access", "app", "metrics", "format", "p95_ms", "error_rate", "silence", "health_path",
    "metric_names", "tz", "datefmt", "hosts", "prometheus", "source",
  ]
  static let metricNameKeys = ["requests", "duration"]
  static let jobKeys = ["name", "every", "max_duration"]
  static let sourceKeys = ["path", "command", "role", "format", "service", "tz", "datefmt", "host"]

  mutating func readConfig(_ table: TOMLTable) -> SitrepConfig {
    var config = SitrepConfig()
    checkKeys(table, allowed: Self.topKeys, at: .top)
    if let text = string(table, "window", at: .top, example: #"window = "5m""#) {
      if let window = WindowLength(rawValue: text) {
        config.window = window
      } else {
        fail(
          "window", at: .top, problem: "window = \"\(text)\" is not a dashboard window",
          fix: #"expected one of 1m, 5m, 15m, 1h, e.g. window = "5m""#)
      }
    }
    config.theme = string(table, "theme", at: .top, example: #"theme = "dark""#) ?? config.theme
    if let value = table["mouse"] {
      if let on = value.bool {
        config.mouse = on
      } else {
        fail(
          "mouse", at: .top, problem: "mouse = \(Self.describe(value)) is not true or false",
          fix: "write mouse = false to leave the mouse to the terminal, or mouse = true")
      }
    }
    if let bytes = byteSize(table, "backfill", at: .top) { config.backfillBytes = bytes }
    config.backfillSeconds = duration(table, "backfill_time", at: .top)
    config.services = tables(table, "service").enumerated().compactMap {
      readService($1, index: $0)
    }
    config.jobs = tables(table, "job").enumerated().compactMap { readJob($1, index: $0) }
    config.sources = tables(table, "source").enumerated().compactMap { readSource($1, index: $0) }
    config.hosts = tables(table, "host").enumerated().compactMap { readHost($1, index: $0) }
    config.prometheus = readPrometheus(table)
    Self.fillPrometheusSelectors(&config)
    checkDuplicateServices(config.services)
    checkSourceServices(config)
    checkHosts(config)
    return config
  }

  // MARK: - Sections

  private mutating func readService(_ table: TOMLTable, index: Int) -> ServiceConfig? {
    let name = table["name"]?.string
    let place = ConfigPlace(
      table: "service", index: index, title: name.map { "[[service]] \"\($0)\"" } ?? "[[service]]")
    checkKeys(table, allowed: Self.serviceKeys, at: place)
    guard let name = requiredName(table, at: place, example: #"name = "api""#) else { return nil }
    var service = ServiceConfig(name: name)
    service.access = paths(table, "access", at: place)
    service.app = paths(table, "app", at: place)
    service.metrics = paths(table, "metrics", at: place)
    (service.format, service.dateFormat) = format(
      table, at: place, example: #"format = "nginx-combined""#, accessOnly: true)
    service.healthPath = string(
      table, "health_path", at: place, example: #"health_path = "/health""#)
    service.tz = zone(table, at: place)
    service.hosts = names(table, "hosts", at: place, example: #"hosts = ["web*"]"#)
    if let p95 = milliseconds(table, "p95_ms", at: place) { service.p95Ms = p95 }
    if let rate = ratio(table, "error_rate", at: place) { service.errorRate = rate }
    if let silence = positiveDuration(table, "silence", at: place) {
      service.silenceSeconds = silence
    }
    readServicePrometheus(table, into: &service, index: index, at: place)
    if let value = table["metric_names"] {
      if let names = value.table {
        let namesPlace = ConfigPlace(
          table: "service.metric_names", index: index, title: "[service.metric_names] of \(name)")
        checkKeys(names, allowed: Self.metricNameKeys, at: namesPlace)
        service.requestsMetric = string(
          names, "requests", at: namesPlace, example: #"requests = "http_requests_total""#)
        service.durationMetric = string(
          names, "duration", at: namesPlace,
          example: #"duration = "http_request_duration_seconds""#)
      } else {
        fail(
          "metric_names", at: place, problem: "metric_names should be a table",
          fix: #"write [service.metric_names] on its own line, then requests = "...""#)
      }
    }
    return service
  }

  private mutating func readJob(_ table: TOMLTable, index: Int) -> JobExpectation? {
    let name = table["name"]?.string
    let place = ConfigPlace(
      table: "job", index: index, title: name.map { "[[job]] \"\($0)\"" } ?? "[[job]]")
    checkKeys(table, allowed: Self.jobKeys, at: place)
    guard let name = requiredName(table, at: place, example: #"name = "reports.nightly""#) else {
      return nil
    }
    return JobExpectation(
      name: name, everySeconds: positiveDuration(table, "every", at: place),
      maxDurationSeconds: positiveDuration(table, "max_duration", at: place))
  }

  private mutating func readSource(_ table: TOMLTable, index: Int) -> SourceConfig? {
    let place = ConfigPlace(table: "source", index: index, title: "[[source]]")
    checkKeys(table, allowed: Self.sourceKeys, at: place)
    let command = self.command(table, at: place)
    let path =
      string(table, "path", at: place, example: #"path = "/var/log/celery/worker.log""#)
      ?? (table["path"] == nil ? command.map(ShellQuote.words) : nil)
    guard let path else {
      if table["path"] == nil && table["command"] == nil {
        fail(
          header: place, problem: "[[source]] without a path or a command",
          fix: #"add path = "/var/log/celery/worker.log" or command = ["journalctl", "-f"]"#)
      }
      return nil
    }
    var source = SourceConfig(path: path)
    source.command = command
    (source.format, source.dateFormat) = format(
      table, at: place, example: #"format = "celery""#, accessOnly: false)
    source.service = string(table, "service", at: place, example: #"service = "api""#)
    source.tz = zone(table, at: place)
    source.host = string(table, "host", at: place, example: #"host = "web1""#)
    if let roleText = string(table, "role", at: place, example: #"role = "jobs""#) {
      if let role = SourceRole(rawValue: roleText) {
        source.role = role
      } else {
        let roles = SourceRole.allCases.map(\.rawValue)
        let guess = KeySuggestion.suggestion(for: roleText, among: roles)
        fail(
          "role", at: place, problem: "role = \"\(roleText)\" is not a source role",
          fix: (guess.map { "did you mean \"\($0)\"? " } ?? "") + "expected one of "
            + roles.joined(separator: ", "))
      }
    }
    return source
  }

  /// `tz = "UTC"`: the zone of the files' stamps written without one.
  private mutating func zone(_ table: TOMLTable, at place: ConfigPlace) -> NaiveZone? {
    guard let text = string(table, "tz", at: place, example: #"tz = "UTC""#) else { return nil }
    guard let zone = ZoneText.parse(text) else {
      fail(
        "tz", at: place, problem: "tz = \"\(text)\" is not a time zone",
        fix: "write " + ZoneText.examples)
      return nil
    }
    return zone
  }

  mutating func requiredName(_ table: TOMLTable, at place: ConfigPlace, example: String)
    -> String?
  {
    if table["name"] == nil {
      fail(header: place, problem: "\(place.title) without a name", fix: "add \(example)")
      return nil
    }
    guard let name = string(table, "name", at: place, example: example) else { return nil }
    guard !name.configTrimmed().isEmpty else {
      fail("name", at: place, problem: "\(place.title) has an empty name", fix: "write \(example)")
      return nil
    }
    return name
  }

  private mutating func checkDuplicateServices(_ services: [ServiceConfig]) {
    var firstIndex: [String: Int] = [:]
    for (index, service) in services.enumerated() {
      guard let earlier = firstIndex[service.name] else {
        firstIndex[service.name] = index
        continue
      }
      let place = ConfigPlace(table: "service", index: index, title: "[[service]]")
      let firstLine = locator.line(ofKey: "name", in: "service", index: earlier)
      fail(
        "name", at: place,
        problem: "service \"\(service.name)\" is defined twice"
          + (firstLine.map { " (first on line \($0))" } ?? ""),
        fix: "give each [[service]] its own name, or merge their paths into one")
    }
  }

  private mutating func checkSourceServices(_ config: SitrepConfig) {
    let names = config.services.map(\.name)
    guard !names.isEmpty else { return }
    for (index, source) in config.sources.enumerated() {
      guard let service = source.service, !names.contains(service) else { continue }
      let guess = KeySuggestion.suggestion(for: service, among: names)
      fail(
        "service", at: ConfigPlace(table: "source", index: index, title: "[[source]]"),
        problem: "service = \"\(service)\" names no [[service]]",
        fix: guess.map { "did you mean \"\($0)\"?" }
          ?? "expected one of " + names.map { "\"\($0)\"" }.joined(separator: ", "))
    }
  }

  // MARK: - Values

  func tables(_ table: TOMLTable, _ key: String) -> [TOMLTable] {
    guard let value = table[key] else { return [] }
    return value.array?.compactMap { $0.table } ?? []
  }

  mutating func checkKeys(_ table: TOMLTable, allowed: [String], at place: ConfigPlace) {
    for key in table.keys where !allowed.contains(key) {
      let guess = KeySuggestion.suggestion(for: key, among: allowed)
      fail(
        key, at: place, problem: "unknown key `\(key)` in \(place.title)",
        fix: guess.map { "did you mean `\($0)`?" }
          ?? "known keys are " + allowed.map { "`\($0)`" }.joined(separator: ", "))
    }
    if place.table.isEmpty {
      // `[service]` instead of `[[service]]` parses as a table, not a list of tables.
      for key in ["service", "job", "source", "host"] where table[key]?.table != nil {
        fail(
          header: ConfigPlace(table: key, index: nil, title: "[\(key)]"),
          problem: "[\(key)] should be a list of tables",
          fix: "write [[\(key)]] (double brackets) before each \(key)")
      }
    }
  }

  mutating func string(
    _ table: TOMLTable, _ key: String, at place: ConfigPlace, example: String
  ) -> String? {
    guard let value = table[key] else { return nil }
    if let text = value.string { return text }
    fail(
      key, at: place, problem: "\(key) = \(Self.describe(value)) is not text",
      fix: "expected text in double quotes, e.g. \(example)")
    return nil
  }

  /// `format` and `datefmt`. A word is a format id, checked against the catalog when the caller
  /// passed one; anything else is a definition in the user's own language (nginx `log_format`,
  /// Apache `LogFormat`, gunicorn `access_log_format`, Python logging format, regex), compiled here
  /// so a bad one is refused on its line. `accessOnly`: a `[[service]]`'s format reads its access
  /// logs, so an app definition there is a mistake.
  private mutating func format(
    _ table: TOMLTable, at place: ConfigPlace, example: String, accessOnly: Bool
  ) -> (String?, String?) {
    let datefmt = string(table, "datefmt", at: place, example: #"datefmt = "%Y-%m-%d %H:%M:%S""#)
    if let datefmt {
      do {
        _ = try StrftimePattern(datefmt)
      } catch {
        fail("datefmt", at: place, problem: "datefmt: \(error.problem)", fix: error.fix)
        return (nil, nil)
      }
    }
    guard let id = string(table, "format", at: place, example: example) else {
      if datefmt != nil { datefmtWithoutPythonFormat(at: place) }
      return (nil, nil)
    }
    if FormatCatalog.isFormatID(id) {
      if datefmt != nil { datefmtWithoutPythonFormat(at: place) }
      guard let known = knownFormats, !known.contains(id) else { return (id, nil) }
      let sorted = known.sorted()
      let guess = KeySuggestion.suggestion(for: id, among: sorted)
      fail(
        "format", at: place, problem: "format = \"\(id)\" is not a format sitrep knows",
        fix: guess.map { "did you mean \"\($0)\"?" }
          ?? "see `sitrep help formats`; known: " + sorted.joined(separator: ", "))
      return (nil, nil)
    }
    let descriptor: FormatDescriptor
    do {
      descriptor = try FormatCatalog.resolve(id, dateFormat: datefmt)
    } catch {
      fail("format", at: place, problem: "format: \(error.problem)", fix: error.fix)
      return (nil, nil)
    }
    if accessOnly, descriptor.role != .access {
      fail(
        "format", at: place,
        problem: "format in \(place.title) reads its access logs, but this is an app log format "
          + "(\(descriptor.id), no status field)",
        fix: "give the app log its own [[source]] with path, role = \"app\" and this format")
      return (nil, nil)
    }
    if datefmt != nil, descriptor.id != "python-declared" {
      datefmtWithoutPythonFormat(at: place)
      return (nil, nil)
    }
    return (id, datefmt)
  }

  private mutating func datefmtWithoutPythonFormat(at place: ConfigPlace) {
    fail(
      "datefmt", at: place, problem: "datefmt applies to a Python logging format in format",
      fix:
        #"write the logging format next to it, e.g. format = "%(asctime)s %(levelname)s %(name)s: %(message)s""#
    )
  }

  /// `command = ["prog", "arg", ...]`: a non-empty list of text, run as is (no shell).
  private mutating func command(_ table: TOMLTable, at place: ConfigPlace) -> [String]? {
    guard let value = table["command"] else { return nil }
    if let array = value.array {
      let words = array.compactMap { $0.string }
      if words.count == array.count, let first = words.first, !first.isEmpty { return words }
    }
    fail(
      "command", at: place,
      problem: "command = \(Self.describe(value)) is not a list of a program and its arguments",
      fix:
        #"expected a list of text, run without a shell, e.g. command = ["journalctl", "-f", "-o", "json"]; write ["sh", "-c", "..."] for a shell"#
    )
    return nil
  }

  /// A path or list of paths (globs allowed): `"a.log"` or `["a.log", "b.log"]`.
  private mutating func paths(_ table: TOMLTable, _ key: String, at place: ConfigPlace) -> [String]
  {
    texts(
      table, key, at: place, what: "path",
      example: "\(key) = [\"/var/log/nginx/api.access.log\"]")
  }

  /// Text or a list of text; anything else is refused naming `what` one item is.
  mutating func texts(
    _ table: TOMLTable, _ key: String, at place: ConfigPlace, what: String, example: String
  ) -> [String] {
    guard let value = table[key] else { return [] }
    if let text = value.string { return [text] }
    if let array = value.array {
      let texts = array.compactMap { $0.string }
      if texts.count == array.count { return texts }
    }
    fail(
      key, at: place,
      problem: "\(key) = \(Self.describe(value)) is not a \(what) or list of \(what)s",
      fix: "expected text or a list of text, e.g. \(example)")
    return []
  }

  mutating func duration(_ table: TOMLTable, _ key: String, at place: ConfigPlace)
    -> Double?
  {
    guard let value = table[key] else { return nil }
    if let text = value.string, let seconds = DurationText.seconds(from: text) { return seconds }
    if let number = Self.number(value), number >= 0 { return number }
    fail(
      key, at: place, problem: "\(key) = \(Self.describe(value)) is not a duration",
      fix: "expected a duration such as 90s, 5m, 1h, e.g. \(key) = \"5m\"")
    return nil
  }

  /// A duration that must be above zero: `every = "0s"` would make a job overdue at once and
  /// always, `max_duration = 0` every run too long, `silence = 0` every service silent.
  mutating func positiveDuration(_ table: TOMLTable, _ key: String, at place: ConfigPlace)
    -> Double?
  {
    guard let seconds = duration(table, key, at: place) else { return nil }
    guard seconds > 0 else {
      fail(
        key, at: place, problem: "\(key) = \(Self.describe(table[key]!)) is zero",
        fix: "expected a duration above zero such as 90s, 5m, 1h, e.g. \(key) = \"5m\"")
      return nil
    }
    return seconds
  }

  /// Milliseconds as a number, or as duration text (`"1.5s"`, `"500ms"`).
  private mutating func milliseconds(_ table: TOMLTable, _ key: String, at place: ConfigPlace)
    -> Double?
  {
    guard let value = table[key] else { return nil }
    if let number = Self.number(value), number > 0 { return number }
    if let text = value.string, text.contains(where: \.isLetter),
      let seconds = DurationText.seconds(from: text), seconds > 0
    {
      return seconds * 1000
    }
    fail(
      key, at: place, problem: "\(key) = \(Self.describe(value)) is not a number",
      fix: "expected a number of milliseconds, e.g. \(key) = 500")
    return nil
  }

  /// A ratio 0...1, or a percentage text (`"2%"`).
  private mutating func ratio(_ table: TOMLTable, _ key: String, at place: ConfigPlace) -> Double? {
    guard let value = table[key] else { return nil }
    if let number = Self.number(value), (0...1).contains(number) { return number }
    if let text = value.string?.configTrimmed(), text.hasSuffix("%"),
      let percent = Double(text.dropLast().configTrimmed()), (0...100).contains(percent)
    {
      return percent / 100
    }
    fail(
      key, at: place, problem: "\(key) = \(Self.describe(value)) is not a ratio",
      fix: "expected a ratio between 0 and 1 or a percentage, e.g. \(key) = 0.02 or \(key) = \"2%\""
    )
    return nil
  }

  private mutating func byteSize(_ table: TOMLTable, _ key: String, at place: ConfigPlace) -> Int? {
    guard let value = table[key] else { return nil }
    if let bytes = value.int, bytes >= 0 { return bytes }
    if let text = value.string, let bytes = ByteSizeText.bytes(from: text) { return bytes }
    fail(
      key, at: place, problem: "\(key) = \(Self.describe(value)) is not a size",
      fix: "expected a size such as 512KiB, 8MiB, 1GiB, e.g. \(key) = \"8MiB\"")
    return nil
  }

  private static func number(_ value: TOMLValueConvertible) -> Double? {
    if let int = value.int { return Double(int) }
    if let double = value.double, double.isFinite { return double }
    return nil
  }

  /// The value as it was probably written, for messages.
  static func describe(_ value: TOMLValueConvertible) -> String {
    switch value.type {
    case .string: "\"\(value.string ?? "")\""
    case .int: value.int.map(String.init) ?? "a number"
    case .double: value.double.map { "\($0)" } ?? "a number"
    case .bool: value.bool.map { "\($0)" } ?? "a boolean"
    case .array: "[...]"
    case .table: "{...}"
    case .date, .time, .dateTime: "a date"
    }
  }

  // MARK: - Errors

  mutating func fail(_ key: String, at place: ConfigPlace, problem: String, fix: String) {
    let line =
      locator.line(ofKey: key, in: place.table, index: place.index)
      ?? locator.line(ofHeader: place.table, index: place.index)
    errors.append(ConfigError(file: path, line: line, problem: problem, fix: fix))
  }

  mutating func fail(header place: ConfigPlace, problem: String, fix: String) {
    let line = locator.line(ofHeader: place.table, index: place.index)
    errors.append(ConfigError(file: path, line: line, problem: problem, fix: fix))
  }
}
