/// The Prometheus metric types of the text exposition format.
public enum MetricType: String, Sendable, Equatable, Codable {
  case counter, gauge, histogram, summary, untyped
}

/// One sample line: `name{labels} value [timestamp]`.
public struct MetricSample: Sendable, Equatable {
  public var name: String
  /// Labels sorted by name, values unescaped.
  public var labels: [Label]
  public var value: Double
  public var timestamp: EpochSeconds?

  public struct Label: Sendable, Equatable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  public init(name: String, labels: [Label] = [], value: Double, timestamp: EpochSeconds? = nil) {
    self.name = name
    self.labels = labels
    self.value = value
    self.timestamp = timestamp
  }

  public func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }
}

/// A whole metrics file as read at one moment (files are replaced by rename, so each read is a snapshot).
public struct MetricsSnapshot: Sendable, Equatable {
  public var time: EpochSeconds
  public var types: [String: MetricType]
  public var samples: [MetricSample]

  public init(time: EpochSeconds, types: [String: MetricType] = [:], samples: [MetricSample] = []) {
    self.time = time
    self.types = types
    self.samples = samples
  }
}
