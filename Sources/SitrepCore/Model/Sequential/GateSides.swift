/// The two sides a deploy gate compares. Today: the stretch before the deploy against the time
/// since it. The tests only ever see two sides' counts, so canary mode (canary hosts against the
/// rest over the same minutes) becomes another case here once the model knows hosts (issue 18);
/// until then there is no canary mode, and nothing pretends to be one.
public enum GateSides: Sendable, Equatable {
  /// `before` is fixed when the watch starts; `after` grows from the deploy with every look.
  case beforeAfter(before: TimeSpan, afterStart: EpochSeconds)

  public var label: String {
    switch self {
    case .beforeAfter: "before/after"
    }
  }
}

/// A stretch of time, start included, end excluded.
public struct TimeSpan: Sendable, Equatable {
  public var from: EpochSeconds
  public var to: EpochSeconds
  public init(from: EpochSeconds, to: EpochSeconds) {
    self.from = from
    self.to = to
  }
  public var seconds: Double { Swift.max(0, to - from) }
}
