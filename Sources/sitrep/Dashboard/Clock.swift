import FoundationEssentials

/// Where "now" comes from: the wall clock, or the demo's compressed clock.
struct Clock: Sendable {
  let now: @Sendable () -> Double
  /// Model seconds per wall second (the header's clock ticks at most once a wall second).
  var speed: Double = 1

  static let wall = Clock(now: { Date().timeIntervalSince1970 })

  /// Time that runs `speed` times faster than the wall clock from `start`.
  static func accelerated(start: Double, speed: Double) -> Clock {
    let wallStart = Date().timeIntervalSince1970
    return Clock(now: { start + (Date().timeIntervalSince1970 - wallStart) * speed }, speed: speed)
  }
}
