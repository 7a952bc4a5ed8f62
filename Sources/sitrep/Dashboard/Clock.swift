import Foundation

/// Where "now" comes from: the wall clock, or the demo's compressed clock.
struct Clock: Sendable {
  let now: @Sendable () -> Double

  static let wall = Clock { Date().timeIntervalSince1970 }

  /// Time that runs `speed` times faster than the wall clock from `start`.
  static func accelerated(start: Double, speed: Double) -> Clock {
    let wallStart = Date().timeIntervalSince1970
    return Clock { start + (Date().timeIntervalSince1970 - wallStart) * speed }
  }
}
