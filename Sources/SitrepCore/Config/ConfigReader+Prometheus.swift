import FoundationEssentials
import TOMLKit

/// `[prometheus]` and a service's `prometheus` / `source` keys.
extension ConfigReader {
  static let prometheusKeys = [
    "url", "timeout", "interval", "bearer_token_file", "basic_auth_file",
  ]
  static let servicePrometheusKeys = [
    "selector", "requests", "duration", "up", "route_label", "method_label", "status_label",
  ]

  mutating func readPrometheus(_ top: TOMLTable) -> PrometheusSettings? {
    guard let value = top["prometheus"] else { return nil }
    let place = ConfigPlace(table: "prometheus", index: nil, title: "[prometheus]")
    guard let table = value.table else {
      fail(
        "prometheus", at: .top, problem: "prometheus should be a table",
        fix: #"write [prometheus] on its own line, then url = "http://127.0.0.1:9090""#)
      return nil
    }
    checkKeys(table, allowed: Self.prometheusKeys, at: place)
    let example = #"url = "http://127.0.0.1:9090""#
    guard let text = string(table, "url", at: place, example: example) else {
      if table["url"] == nil {
        fail(header: place, problem: "[prometheus] without a url", fix: "add \(example)")
      }
      return nil
    }
    let url: HTTPURL
    switch HTTPURL.parse(text) {
    case .success(let u): url = u
    case .failure(let problem):
      let why: String
      switch problem {
      case .https:
        why =
          "https is not supported (sitrep has no TLS): reach the server through a tunnel, e.g. "
          + "ssh -L 9090:localhost:9090 HOST, then url = \"http://127.0.0.1:9090\""
      case .notHTTP: why = "expected an http:// address, e.g. \(example)"
      case .badHost: why = "expected a host name or address after http://, e.g. \(example)"
      case .badPort(let p): why = "the port \"\(p)\" is not a number from 1 to 65535"
      case .userInfo:
        why = "write credentials in a file named by basic_auth_file, not in the url"
      }
      fail("url", at: place, problem: "url = \"\(text)\" cannot be used", fix: why)
      return nil
    }
    var settings = PrometheusSettings(url: url)
    if let t = positiveDuration(table, "timeout", at: place) { settings.timeoutSeconds = t }
    if let i = positiveDuration(table, "interval", at: place) {
      settings.intervalSeconds = Swift.max(1, i)
    }
    if let file = string(
      table, "bearer_token_file", at: place, example: #"bearer_token_file = "/etc/sitrep/token""#),
      let token = secret(file, key: "bearer_token_file", at: place)
    {
      settings.headers.append(HTTPHeader(name: "Authorization", value: "Bearer \(token)"))
    }
    if let file = string(
      table, "basic_auth_file", at: place, example: #"basic_auth_file = "/etc/sitrep/prom-auth""#),
      let pair = secret(file, key: "basic_auth_file", at: place)
    {
      guard pair.contains(":") else {
        fail(
          "basic_auth_file", at: place, problem: "\(file) does not hold user:password",
          fix: "write one line, user:password")
        return settings
      }
      settings.headers.append(
        HTTPHeader(name: "Authorization", value: "Basic \(Base64.encode(Array(pair.utf8)))"))
    }
    return settings
  }

  /// The first line of a credentials file, relative to the config's folder; never echoed.
  private mutating func secret(_ file: String, key: String, at place: ConfigPlace) -> String? {
    var full = file
    if !file.hasPrefix("/"), let slash = path.lastIndex(of: "/") {
      full = String(path[...slash]) + file
    }
    guard let text = try? String(contentsOfFile: full, encoding: .utf8),
      let line = text.split(whereSeparator: \.isNewline).first, !line.isEmpty
    else {
      fail(
        key, at: place, problem: "\(key): cannot read \(full), or it is empty",
        fix: "check the path and permissions (relative paths start at the config's folder)")
      return nil
    }
    let value = String(line).configTrimmed()
    guard value.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) else {
      fail(
        key, at: place, problem: "\(key): \(full) holds control or non-ASCII characters",
        fix: "write the credential alone on the first line")
      return nil
    }
    return value
  }

  /// `prometheus = 'job="api"'`, `[service.prometheus]`, `source = "auto" | "prometheus" | "logs"`.
  mutating func readServicePrometheus(
    _ table: TOMLTable, into service: inout ServiceConfig, index: Int, at place: ConfigPlace
  ) {
    if let text = string(table, "source", at: place, example: #"source = "prometheus""#) {
      if let choice = NumbersSource(rawValue: text) {
        service.numbersSource = choice
      } else {
        fail(
          "source", at: place, problem: "source = \"\(text)\" is not a numbers source",
          fix: "expected one of "
            + NumbersSource.allCases.map { "\"\($0.rawValue)\"" }.joined(
              separator: ", "))
      }
    }
    guard let value = table["prometheus"] else { return }
    if let selector = value.string {
      service.prometheus = PrometheusServiceQueries(selector: selector)
      return
    }
    guard let sub = value.table else {
      fail(
        "prometheus", at: place,
        problem: "prometheus = \(Self.describe(value)) is neither a selector nor a table",
        fix: #"write prometheus = 'job="api"', or [service.prometheus] with selector = 'job="api"'"#
      )
      return
    }
    let subPlace = ConfigPlace(
      table: "service.prometheus", index: index, title: "[service.prometheus] of \(service.name)")
    checkKeys(sub, allowed: Self.servicePrometheusKeys, at: subPlace)
    var q = PrometheusServiceQueries(
      selector: string(sub, "selector", at: subPlace, example: #"selector = 'job="api"'"#)
        ?? "job=\"\(service.name)\"")
    for (key, write) in [
      ("requests", { (q: inout PrometheusServiceQueries, v: String) in q.requests = v }),
      ("duration", { $0.duration = $1 }), ("up", { $0.up = $1 }),
      ("route_label", { $0.routeLabel = $1 }), ("method_label", { $0.methodLabel = $1 }),
      ("status_label", { $0.statusLabels = [$1] }),
    ] as [(String, (inout PrometheusServiceQueries, String) -> Void)] {
      if let v = string(sub, key, at: subPlace, example: "\(key) = \"...\"") {
        guard Self.isMetricName(v) else {
          fail(
            key, at: subPlace, problem: "\(key) = \"\(v)\" is not a metric or label name",
            fix: "expected letters, digits, _ and :, not starting with a digit")
          continue
        }
        write(&q, v)
      }
    }
    service.prometheus = q
  }

  static func isMetricName(_ text: String) -> Bool {
    guard let first = text.utf8.first, !(48...57).contains(first) else { return false }
    return text.utf8.allSatisfy {
      (97...122).contains($0) || (65...90).contains($0) || (48...57).contains($0) || $0 == 95
        || $0 == 58
    }
  }

  /// With `[prometheus]`, a service that names no selector is asked for `job="NAME"`; with
  /// `source = "logs"` it is not asked at all. Without `[prometheus]` nothing is asked.
  static func fillPrometheusSelectors(_ config: inout SitrepConfig) {
    for i in config.services.indices {
      if config.prometheus == nil || config.services[i].numbersSource == .logs {
        config.services[i].prometheus = nil
      } else if config.services[i].prometheus == nil {
        config.services[i].prometheus = PrometheusServiceQueries(
          selector: "job=\"\(config.services[i].name)\"")
      }
    }
  }
}

/// Base64 for a Basic credential.
enum Base64 {
  static func encode(_ bytes: [UInt8]) -> String {
    let table = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var out: [UInt8] = []
    var i = 0
    while i < bytes.count {
      let b0 = Int(bytes[i])
      let b1 = i + 1 < bytes.count ? Int(bytes[i + 1]) : 0
      let b2 = i + 2 < bytes.count ? Int(bytes[i + 2]) : 0
      out.append(table[b0 >> 2])
      out.append(table[((b0 & 3) << 4) | (b1 >> 4)])
      out.append(i + 1 < bytes.count ? table[((b1 & 15) << 2) | (b2 >> 6)] : UInt8(ascii: "="))
      out.append(i + 2 < bytes.count ? table[b2 & 63] : UInt8(ascii: "="))
      i += 3
    }
    return String(decoding: out, as: UTF8.self)
  }
}
