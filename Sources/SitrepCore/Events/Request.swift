/// One HTTP request, as the model keeps it: the one request type. Decoders hand requests to their
/// source's `RequestSink`; on the hot path only the numbers go in, and this value (with its strings)
/// is built only for the requests the model keeps (5xx, slowest, health checks).
public struct Request: Sendable, Equatable {
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
  /// The machine that logged it, when its source names one (`[[source]] host`).
  public var host: String? = nil

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
