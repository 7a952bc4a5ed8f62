/// One series of a Prometheus API answer: its labels and its samples, oldest first (one for an
/// instant vector).
public struct PromSeries: Sendable, Equatable {
  public var labels: [String: String]
  public var samples: [PromSample]

  public init(labels: [String: String], samples: [PromSample]) {
    self.labels = labels
    self.samples = samples
  }
}

public struct PromSample: Sendable, Equatable {
  public var time: Double
  /// NaN, ±Inf and values past Double's range (`1e999` → +Inf) are kept as such; readers decide.
  public var value: Double

  public init(time: Double, value: Double) {
    self.time = time
    self.value = value
  }
}

/// Why a query gave no series: the server's own words for a bad query, or what went wrong on the
/// way. The description is shown on the source's row as is (sanitised when drawn).
public enum PrometheusError: Error, Equatable, Sendable, CustomStringConvertible {
  case http(HTTPError)
  /// `"status":"error"`: Prometheus's `errorType` and `error` (a PromQL parse error, a timeout).
  case server(status: Int, type: String, message: String)
  /// Not a Prometheus API answer (a proxy's HTML page, a 404).
  case unexpected(status: Int, text: String)

  public var description: String {
    switch self {
    case .http(let e): e.description
    case .server(let status, let type, let message): "prometheus \(status) \(type): \(message)"
    case .unexpected(let status, let text):
      "HTTP \(status): " + (text.isEmpty ? "not a Prometheus API answer" : text)
    }
  }

  /// The server could not be reached at all: the rest of a round would fail the same way.
  public var isUnreachable: Bool {
    guard case .http(let e) = self else { return false }
    switch e {
    case .resolve, .connect, .timeout: return true
    default: return false
    }
  }
}

/// Reads `/api/v1/query` and `/api/v1/query_range` answers.
public enum PrometheusAPI {
  public static func decode(_ response: HTTPResponse) -> Result<[PromSeries], PrometheusError> {
    let tree: JSONTree
    switch JSONTree.parse(response.body) {
    case .success(let t): tree = t
    case .failure(let e):
      let text = String(decoding: response.body.prefix(200), as: UTF8.self)
      let shown = TextSanitizer.display(
        text.split(whereSeparator: \.isNewline).first.map(String.init) ?? "")
      if response.status != 200 {
        return .failure(.unexpected(status: response.status, text: shown))
      }
      return .failure(
        .unexpected(status: response.status, text: "not JSON at byte \(e.offset): \(e.why)"))
    }
    if tree["status"]?.string == "error" {
      return .failure(
        .server(
          status: response.status, type: tree["errorType"]?.string ?? "error",
          message: tree["error"]?.string ?? "no message"))
    }
    guard tree["status"]?.string == "success", let data = tree["data"] else {
      return .failure(.unexpected(status: response.status, text: "no status or data"))
    }
    let type = data["resultType"]?.string ?? ""
    guard let result = data["result"] else {
      return .failure(.unexpected(status: response.status, text: "no result"))
    }
    switch type {
    case "vector", "matrix":
      var series: [PromSeries] = []
      for item in result.array ?? [] {
        var labels: [String: String] = [:]
        for (k, v) in item["metric"]?.members ?? [] { labels[k] = v.string ?? "" }
        var samples: [PromSample] = []
        if let v = item["value"], let s = sample(v) { samples.append(s) }
        for v in item["values"]?.array ?? [] { if let s = sample(v) { samples.append(s) } }
        series.append(PromSeries(labels: labels, samples: samples))
      }
      return .success(series)
    case "scalar":
      return .success(sample(result).map { [PromSeries(labels: [:], samples: [$0])] } ?? [])
    default:
      return .failure(.unexpected(status: response.status, text: "result type \"\(type)\""))
    }
  }

  /// `[1700000000.123, "5"]`; nil when it is not that shape.
  static func sample(_ v: JSONTree) -> PromSample? {
    guard let pair = v.array, pair.count == 2, let t = pair[0].double, t.isFinite,
      let value = pair[1].double
    else { return nil }
    return PromSample(time: t, value: value)
  }
}

/// Prometheus's HTTP API at one address.
public struct PrometheusClient: Sendable {
  public var base: HTTPURL
  public var http: HTTPGetClient
  /// Bytes received by the last queries, for the source's row.
  public init(base: HTTPURL, http: HTTPGetClient) {
    self.base = base
    self.http = http
  }

  /// The series, and the body's size.
  public func query(_ promQL: String, at time: Double) -> (
    Result<[PromSeries], PrometheusError>, Int
  ) {
    run(
      "/api/v1/query?query=\(HTTPURL.encodeQueryValue(promQL))&time=\(Self.timeText(time))")
  }

  public func queryRange(_ promQL: String, start: Double, end: Double, step: Double)
    -> (Result<[PromSeries], PrometheusError>, Int)
  {
    run(
      "/api/v1/query_range?query=\(HTTPURL.encodeQueryValue(promQL))&start=\(Self.timeText(start))"
        + "&end=\(Self.timeText(end))&step=\(Self.timeText(step))")
  }

  private func run(_ target: String) -> (Result<[PromSeries], PrometheusError>, Int) {
    do {
      let response = try http.get(base, target)
      return (PrometheusAPI.decode(response), response.body.count)
    } catch {
      return (.failure(.http(error)), 0)
    }
  }

  /// Seconds with millisecond precision, as the API takes them.
  static func timeText(_ t: Double) -> String {
    guard t.isFinite else { return "0" }
    let ms = Int64(saturating: (t * 1000).rounded())
    let whole = ms / 1000
    let frac = abs(ms % 1000)
    let fracText = String(frac)
    return "\(ms < 0 && whole == 0 ? "-" : "")\(whole)."
      + String(repeating: "0", count: 3 - fracText.count) + fracText
  }
}
