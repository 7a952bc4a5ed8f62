/// `[prometheus]`: the server sitrep asks, and how.
public struct PrometheusSettings: Sendable, Equatable {
  public var url: HTTPURL
  /// Bound on each request (connect to last byte).
  public var timeoutSeconds: Double
  /// Seconds between two rounds of queries on the dashboard (`report` and `check` ask once).
  public var intervalSeconds: Double
  /// Sent with every request: `Authorization: Bearer …` from `bearer_token_file`, or Basic from
  /// `basic_auth_file` (`user:password`). Read at start; never shown.
  public var headers: [HTTPHeader]

  public static let defaultTimeoutSeconds = 5.0
  public static let defaultIntervalSeconds = 10.0

  public init(
    url: HTTPURL, timeoutSeconds: Double = PrometheusSettings.defaultTimeoutSeconds,
    intervalSeconds: Double = PrometheusSettings.defaultIntervalSeconds, headers: [HTTPHeader] = []
  ) {
    self.url = url
    self.timeoutSeconds = timeoutSeconds
    self.intervalSeconds = intervalSeconds
    self.headers = headers
  }

  public var client: PrometheusClient {
    PrometheusClient(
      base: url,
      http: HTTPGetClient(
        timeoutSeconds: timeoutSeconds, headers: headers.map { ($0.name, $0.value) }))
  }
}

public struct HTTPHeader: Sendable, Equatable {
  public var name: String
  public var value: String
  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// Which source a service's request numbers come from when it has both an access log and
/// Prometheus (`source` in `[[service]]`).
public enum NumbersSource: String, Sendable, Equatable, CaseIterable {
  /// The access log counts requests (every request, exact); Prometheus fills what the log lacks
  /// (latency when the log has no durations, `up`), and counts them when no log has any.
  case auto
  /// Prometheus's numbers, even when an access log is read too (its requests still feed the
  /// drill-downs: recent 5xx, slowest).
  case prometheus
  /// The logs only: Prometheus is not asked for this service.
  case logs
}

/// `[service.prometheus]`: where a service's numbers are in Prometheus. Defaults are the names
/// prometheus-client and prometheus-fastapi-instrumentator export.
public struct PrometheusServiceQueries: Sendable, Equatable {
  /// Label matchers picking the service's series, as written inside braces: `job="api"`.
  public var selector: String
  /// A counter of requests, with a status label (`2xx` or `200`), and route and method labels.
  public var requests: String
  /// The base name of a latency histogram in seconds (`_bucket` is added).
  public var duration: String
  /// A gauge that is 0 when the service is down (`up`, set by Prometheus for every target).
  public var up: String
  public var routeLabel: String
  public var methodLabel: String
  /// Tried in order; the first one a series carries gives its status.
  public var statusLabels: [String]

  public static let defaultRequests = "http_requests_total"
  public static let defaultDuration = "http_request_duration_seconds"

  public init(
    selector: String, requests: String = PrometheusServiceQueries.defaultRequests,
    duration: String = PrometheusServiceQueries.defaultDuration, up: String = "up",
    routeLabel: String = "handler", methodLabel: String = "method",
    statusLabels: [String] = ["status", "code", "status_code"]
  ) {
    self.selector = selector
    self.requests = requests
    self.duration = duration
    self.up = up
    self.routeLabel = routeLabel
    self.methodLabel = methodLabel
    self.statusLabels = statusLabels
  }

  /// `name{selector}`.
  func select(_ name: String) -> String { "\(name){\(selector)}" }

  /// The raw request counters over the window (counted here, so a label set that first appears
  /// inside it, like a service's first 5xx, counts from 0 rather than being lost by `increase`).
  public var requestsQuery: String { select(requests) }

  /// The raw latency buckets, read at the window's two ends (counted here, as the requests are).
  public var bucketsQuery: String { select(duration + "_bucket") }

  public var upQuery: String { select(up) }
}
