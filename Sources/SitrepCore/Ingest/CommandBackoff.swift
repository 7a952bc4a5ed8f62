/// When a command that exited is started again: 1 s after its first exit, doubling to 60 s while
/// it keeps failing, back to 1 s once a run has lasted `healthySeconds` (a flapping ssh must not
/// be hammered; one that dropped after an hour of work comes back at once).
public struct CommandBackoff: Sendable, Equatable {
  public var initialSeconds: Double = 1
  public var maxSeconds: Double = 60
  public var healthySeconds: Double = 30
  /// The delay the next restart waits.
  public private(set) var nextDelay: Double

  public init(initialSeconds: Double = 1, maxSeconds: Double = 60, healthySeconds: Double = 30) {
    self.initialSeconds = initialSeconds
    self.maxSeconds = max(initialSeconds, maxSeconds)
    self.healthySeconds = healthySeconds
    nextDelay = initialSeconds
  }

  /// A run that lasted `ranSeconds` ended: the delay before the next start.
  public mutating func delay(afterRunOf ranSeconds: Double) -> Double {
    if ranSeconds >= healthySeconds { nextDelay = initialSeconds }
    let delay = nextDelay
    nextDelay = min(maxSeconds, nextDelay * 2)
    return delay
  }
}
