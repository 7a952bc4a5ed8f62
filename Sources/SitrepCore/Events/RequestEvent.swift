/// One HTTP request from an access log.
public struct RequestEvent: Sendable, Equatable {
  public var time: EpochSeconds
  public var method: String
  /// The path as logged, without the query string.
  public var path: String
  /// The path with ids replaced by placeholders (`/api/orders/123` → `/api/orders/:id`).
  public var route: String
  public var status: Int
  public var bytes: Int?
  /// Request duration in milliseconds; `nil` when the format carries none (uvicorn). Never guessed as 0.
  public var durationMs: Double?
  public var upstreamMs: Double?
  public var client: String
  public var userAgent: String?

  public init(
    time: EpochSeconds, method: String, path: String, route: String, status: Int, bytes: Int? = nil,
    durationMs: Double? = nil, upstreamMs: Double? = nil, client: String = "-",
    userAgent: String? = nil
  ) {
    self.time = time
    self.method = method
    self.path = path
    self.route = route
    self.status = status
    self.bytes = bytes
    self.durationMs = durationMs
    self.upstreamMs = upstreamMs
    self.client = client
    self.userAgent = userAgent
  }
}

/// The few numbers every request adds to the model, with no heap storage: what the access-log fast
/// path builds per line instead of a `RequestEvent`.
public struct RequestFacts: Sendable {
  public var time: EpochSeconds
  public var status: Int
  public var durationMs: Double?

  @inline(__always)
  public init(time: EpochSeconds, status: Int, durationMs: Double?) {
    self.time = time
    self.status = status
    self.durationMs = durationMs
  }

  public init(_ r: RequestEvent) {
    self.init(time: r.time, status: r.status, durationMs: r.durationMs)
  }
}
