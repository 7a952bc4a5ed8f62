/// The rolling windows the dashboard offers (`w` cycles them).
public enum TimeWindow: String, Sendable, CaseIterable, Codable {
  case oneMinute = "1m"
  case fiveMinutes = "5m"
  case fifteenMinutes = "15m"
  case oneHour = "1h"

  public var seconds: Double {
    switch self {
    case .oneMinute: 60
    case .fiveMinutes: 300
    case .fifteenMinutes: 900
    case .oneHour: 3600
    }
  }

  public var label: String { rawValue }

  public var next: TimeWindow {
    let all = Self.allCases
    return all[(all.firstIndex(of: self)! + 1) % all.count]
  }

  public init?(label: String) { self.init(rawValue: label) }
}
