/// Identifies one time series: a sample name plus its (sorted) labels.
public struct SeriesKey: Hashable, Sendable {
  public var name: String
  public var labels: [MetricSample.Label]

  public init(name: String, labels: [MetricSample.Label]) {
    self.name = name
    self.labels = labels
  }

  public init(_ sample: MetricSample) {
    self.init(name: sample.name, labels: sample.labels)
  }

  public func label(_ name: String) -> String? { labels.first { $0.name == name }?.value }

  /// True when every matcher's label is present with exactly that value.
  public func matches(_ matchers: [String: String]) -> Bool {
    matchers.allSatisfy { label($0.key) == $0.value }
  }
}
