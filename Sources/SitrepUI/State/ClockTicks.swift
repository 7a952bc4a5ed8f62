import SitrepCore

/// When the header's clock (whole seconds of the model's time) shows a new time: on the second,
/// at most once a wall second (the demo's clock runs faster than the wall clock).
public enum ClockTicks {
  /// Wall seconds from model time `now` until the next tick; `speed`: model seconds per wall second.
  public static func secondsUntilNextTick(now: EpochSeconds, speed: Double = 1) -> Double {
    let step = Swift.max(speed, 1)
    let next = (now + step - 1).rounded(.down) + 1
    return Swift.max(0, (next - now) / Swift.max(speed, 1e-9))
  }
}
