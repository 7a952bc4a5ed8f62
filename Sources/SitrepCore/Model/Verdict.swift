/// The answer to "is this service up?", worst last.
public enum Verdict: String, Sendable, Codable, CaseIterable, Comparable {
  case unknown = "UNKNOWN"
  case up = "UP"
  case slow = "SLOW"
  case degraded = "DEGRADED"
  case down = "DOWN"

  public var severity: Int {
    switch self {
    case .unknown: 1
    case .up: 0
    case .slow: 2
    case .degraded: 3
    case .down: 4
    }
  }

  public static func < (a: Verdict, b: Verdict) -> Bool { a.severity < b.severity }
}

/// A verdict and the one-line reason an engineer can check against the log.
public struct VerdictWithReason: Sendable, Equatable {
  public var verdict: Verdict
  public var reason: String

  public init(_ verdict: Verdict, _ reason: String) {
    self.verdict = verdict
    self.reason = reason
  }
}
