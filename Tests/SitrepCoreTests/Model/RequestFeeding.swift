@testable import SitrepCore

/// Test support: requests built as values, fed the way a decoder feeds them, through a
/// `RequestSink`, with the route the test wrote kept as written.
extension Monitor {
  @discardableResult
  func ingest(_ request: Request, service: String?) -> Bool {
    requestSink(service: service).record(request, routeAsWritten: true)
  }
}

extension ServiceTracker {
  /// One request straight into a lone tracker, on the route the test wrote.
  mutating func record(_ r: Request) {
    let route = routeSlot(for: RouteKey(method: r.method, route: r.route))
    record(
      time: r.time, status: r.status, durationMs: r.durationMs, route: route,
      isHealthCheck: thresholds.healthPath == r.path, details: { r })
  }
}
