/// The one way requests enter the model: every decoder that reads requests (access logs, uvicorn,
/// declared formats, JSON request records) writes them to its source's sink.
///
/// On the hot path only numbers cross: the route is numbered from the line's bytes by the sink's
/// `RouteInterner` (the route map), and the full `Request`, with its strings, is built only when
/// the service tracker keeps it (a 5xx, one of the slowest, a health check). A sink made with
/// `collecting()` keeps every request instead, for tests and tools that want them as values.
public final class RequestSink {
  /// Unmanaged: whoever holds a sink (a decoder held by the pipeline or a parallel lane) also
  /// holds its monitor, and even an `unowned(unsafe)` reference is retained and released around
  /// each call (measured: 8% of a headless read).
  private let unmanagedMonitor: Unmanaged<Monitor>?
  private let service: String
  /// Requests an application logged about itself, for its app-record tracker (see `Monitor`).
  private let appRecords: Bool
  /// The service's tracker position; -1 until the first request, so a source that never logs a
  /// request does not make a service appear.
  private var tracker = -1
  /// `r` (reset) replaces the trackers, and freeing idle route rows moves rows: route positions
  /// are asked for again when it moves.
  private var generation = -1
  private var healthPath: [UInt8]?
  /// The machine the source's lines come from; its requests carry it.
  private let host: String?
  /// What kept requests say: `host`, or `local` when other sources name theirs.
  private var shownHost: String?
  /// The row of `host` in the service's tracker, -1 when no source names a host (`hostsInUse`).
  private var hostSlot = -1
  let routes = RouteInterner()
  /// Every request, when collecting.
  public private(set) var collected: [Request] = []

  init(monitor: Monitor, service: String, appRecords: Bool = false, host: String? = nil) {
    unmanagedMonitor = Unmanaged.passUnretained(monitor)
    self.service = service
    self.appRecords = appRecords
    self.host = host
  }

  private init(collectingFor service: String) {
    unmanagedMonitor = nil
    self.service = service
    appRecords = false
    host = nil
  }

  /// A sink of the same service, kind and host writing to `monitor` (a shard), for a parallel lane.
  func laneSink(on monitor: Monitor) -> RequestSink {
    RequestSink(monitor: monitor, service: service, appRecords: appRecords, host: host)
  }

  /// A sink that keeps every request as a value, with its route as the model would number it.
  public static func collecting(service: String = "web") -> RequestSink {
    RequestSink(collectingFor: service)
  }

  /// Records a request read from a line's bytes. `details` builds the full request for the few the
  /// model keeps; it is given the derived method and route (nil past the route bound). False when
  /// the request is stamped in the future and was left out (see `Monitor.futureLimit`).
  @inline(__always)
  public func record(
    time: EpochSeconds, status: Int, durationMs: Double?, method: LineBytes, path: LineBytes,
    details: (ServiceTracker.RouteKey?) -> Request
  ) -> Bool {
    let n = routes.id(method: method, path: path)
    return deliver(n, time, status, durationMs, path: path, details)
  }

  /// Records a request whose application named its route itself (`/api/orders/{order_id}` in a
  /// JSON request record), read from a line's bytes: the route is kept as written, not derived
  /// from `path` again.
  @inline(__always)
  public func record(
    time: EpochSeconds, status: Int, durationMs: Double?, method: LineBytes, route: LineBytes,
    path: LineBytes, details: (ServiceTracker.RouteKey?) -> Request
  ) -> Bool {
    let n = routes.id(method: method, route: route)
    return deliver(n, time, status, durationMs, path: path, details)
  }

  /// Records a request whose request line could not be read: its route is `- -`.
  public func recordUnreadRequestLine(
    time: EpochSeconds, status: Int, durationMs: Double?,
    details: (ServiceTracker.RouteKey?) -> Request
  ) -> Bool {
    deliver(routes.unparsedID(), time, status, durationMs, path: nil, details)
  }

  /// Records a request whose strings are already in hand. Its route is derived from its path,
  /// unless `routeAsWritten` (the application logged its own route template).
  @discardableResult
  public func record(_ request: Request, routeAsWritten: Bool = false) -> Bool {
    var method = request.method
    var path = request.path
    var route = request.route
    let n = method.withUTF8 { m in
      routeAsWritten
        ? route.withUTF8 { routes.id(method: m, route: $0) }
        : path.withUTF8 { routes.id(method: m, path: $0) }
    }
    return path.withUTF8 { p in
      deliver(n, request.time, request.status, request.durationMs, path: p) { key in
        var kept = request
        if let key {
          kept.route = key.route
        } else if !routeAsWritten {
          kept.route = RouteTemplate.derive(request.path)
        }
        return kept
      }
    }
  }

  @inline(__always)
  private func deliver(
    _ n: Int, _ time: EpochSeconds, _ status: Int, _ durationMs: Double?, path: LineBytes?,
    _ details: (ServiceTracker.RouteKey?) -> Request
  ) -> Bool {
    guard let unmanagedMonitor else {
      collected.append(details(routes.namedKey(n)))
      return true
    }
    let current = unmanagedMonitor._withUnsafeGuaranteedRef { $0.generation(before: time) }
    if generation != current { attach(current) }
    let tracker = self.tracker
    let appRecords = self.appRecords
    let hostSlot = self.hostSlot
    let position = routes.position(n) { key in
      unmanagedMonitor._withUnsafeGuaranteedRef {
        $0.routeSlot(tracker: tracker, appRecords: appRecords, key: key)
      }
    }
    var isHealthCheck = false
    if let healthPath, let path { isHealthCheck = ByteClass.same(healthPath, path) }
    return unmanagedMonitor._withUnsafeGuaranteedRef {
      $0.record(
        time: time, status: status, durationMs: durationMs, tracker: tracker,
        appRecords: appRecords, route: position, host: hostSlot, isHealthCheck: isHealthCheck,
        details: { withHost(details(routes.namedKey(n))) })
    }
  }

  /// A kept request (a 5xx, one of the slowest) says which machine logged it.
  private func withHost(_ request: Request) -> Request {
    guard let shownHost else { return request }
    var r = request
    r.host = shownHost
    return r
  }

  /// Finds the service's tracker (declaring it on the first request) and forgets route positions
  /// the previous generation's tracker gave.
  private func attach(_ current: Int) {
    guard let monitor = unmanagedMonitor?.takeUnretainedValue() else { return }
    tracker =
      appRecords ? monitor.declareAppRecordService(service) : monitor.declareService(service)
    healthPath = monitor.healthPath(tracker: tracker, appRecords: appRecords).map { Array($0.utf8) }
    shownHost = host ?? (monitor.hostsInUse ? HostBreakdown.localHost : nil)
    hostSlot =
      monitor.hostsInUse
      ? monitor.hostSlot(
        tracker: tracker, appRecords: appRecords, host: host ?? HostBreakdown.localHost) : -1
    routes.forgetPositions()
    generation = current
  }
}
