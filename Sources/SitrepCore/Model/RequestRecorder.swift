/// Carries one access-log source's requests into its service's tracker without events: it maps the
/// decoder's route numbers to the tracker's route positions once per route, then every request is
/// counted from its numbers alone.
public final class RequestRecorder {
  /// Unmanaged: whoever holds a recorder (the pipeline, its lanes) also holds its monitor, and
  /// even an `unowned(unsafe)` reference is retained and released around each call (perf).
  private let unmanagedMonitor: Unmanaged<Monitor>
  var monitor: Monitor { unmanagedMonitor.takeUnretainedValue() }
  let tracker: Int
  /// Decoder route number → tracker route position; -1 when not looked up yet.
  private var routeMap: [Int] = []
  /// `r` (reset) replaces the trackers; the map is rebuilt when the monitor's generation moves.
  private var generation: Int
  private var healthPath: [UInt8]?

  init(monitor: Monitor, tracker: Int) {
    unmanagedMonitor = Unmanaged.passUnretained(monitor)
    self.tracker = tracker
    generation = monitor.generation
    healthPath = monitor.healthPath(tracker: tracker).map { Array($0.utf8) }
  }

  /// Records one request. `routeKey` names a route number the first time it is seen; `path` is the
  /// logged path, compared with the configured health-check path; `details` builds the full event
  /// for the few requests kept for drill-down (5xx, slowest). False when the request is stamped
  /// in the future and was left out (see `Monitor.futureLimit`).
  @inline(__always)
  func record(
    _ facts: RequestFacts, route: Int, routeKey: (Int) -> ServiceTracker.RouteKey,
    path: LineBytes?, details: () -> RequestEvent
  ) -> Bool {
    let current = unmanagedMonitor._withUnsafeGuaranteedRef { $0.generation }
    if generation != current {
      routeMap.removeAll(keepingCapacity: true)
      generation = current
    }
    if route >= routeMap.count {
      routeMap.append(contentsOf: repeatElement(-1, count: route + 1 - routeMap.count))
    }
    var position = routeMap[route]
    if position < 0 {
      position = monitor.routeSlot(tracker: tracker, key: routeKey(route))
      routeMap[route] = position
    }
    var isHealthCheck = false
    if let healthPath, let path { isHealthCheck = ByteClass.same(healthPath, path) }
    return unmanagedMonitor._withUnsafeGuaranteedRef {
      $0.record(
        facts, tracker: tracker, route: position, isHealthCheck: isHealthCheck, details: details)
    }
  }
}
