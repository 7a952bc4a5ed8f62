/// Which metric names and labels carry a service's HTTP numbers. Each list is tried in order and
/// the first name present in the metrics file wins.
///
/// Defaults follow prometheus-fastapi-instrumentator (`http_requests_total{handler,method,status}`,
/// `http_request_duration_seconds{handler,method}`), then starlette-exporter, Micrometer-style
/// `http_server_requests_seconds`, and the instrumentator's handler-less `highr` histogram.
public struct MetricNames: Sendable, Equatable {
  /// Counters of requests; a histogram's `_count` works too.
  public var requests: [String]
  /// Base names of latency histograms or summaries.
  public var duration: [String]
  public var routeLabels: [String]
  public var methodLabels: [String]
  public var statusLabels: [String]

  public init(
    requests: [String] = MetricNames.defaultRequests,
    duration: [String] = MetricNames.defaultDuration,
    routeLabels: [String] = ["handler", "route", "path", "endpoint", "uri"],
    methodLabels: [String] = ["method"],
    statusLabels: [String] = ["status", "code", "status_code"]
  ) {
    self.requests = requests
    self.duration = duration
    self.routeLabels = routeLabels
    self.methodLabels = methodLabels
    self.statusLabels = statusLabels
  }

  public static let defaultRequests = [
    "http_requests_total", "starlette_requests_total", "http_server_requests_seconds_count",
    "http_request_duration_seconds_count", "http_request_duration_highr_seconds_count",
  ]
  public static let defaultDuration = [
    "http_request_duration_seconds", "http_server_requests_seconds",
    "starlette_requests_processing_time_seconds", "http_request_duration_highr_seconds",
  ]

  public static let `default` = MetricNames()

  /// The defaults with config overrides tried first (`[service.metric_names]`).
  public static func overriding(requests: String?, duration: String?) -> MetricNames {
    var names = MetricNames()
    if let requests { names.requests.insert(requests, at: 0) }
    if let duration { names.duration.insert(duration, at: 0) }
    return names
  }
}
