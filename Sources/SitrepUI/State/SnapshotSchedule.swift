import SitrepCore

/// When the dashboard recomputes its snapshot. Pure: the run loop passes the times in, so the
/// timing is tested without a clock.
///
/// - Asked for (a key wants other numbers, the first read finished, counters reset): at once.
/// - New lines or a source changing state: at most every `minInterval`, so recomputing never slows
///   heavy ingest and lines show within one refresh.
/// - Nothing new: the numbers only move when a model slot begins (windows, baselines and sparklines
///   are made of 10 s slots), so a quiet dashboard recomputes once per slot, on its boundary.
public struct SnapshotSchedule: Sendable, Equatable {
  public var minInterval: Double
  public var slotSeconds: Double
  /// Wall time and model slot of the last snapshot; `nil` before the first.
  public private(set) var lastWall: Double?
  public private(set) var lastSlot: Int64?
  /// Something changed since the last snapshot.
  public private(set) var changed = false
  public private(set) var forced = false

  public init(minInterval: Double = 0.2, slotSeconds: Double = 10) {
    self.minInterval = minInterval
    self.slotSeconds = slotSeconds
  }

  public mutating func dataChanged() { changed = true }
  public mutating func force() { forced = true }

  public func slot(_ now: EpochSeconds) -> Int64 {
    Int64(saturating: (now / slotSeconds).rounded(.down))
  }

  /// `wall`: the wall clock (the frame budget); `now`: the model's time (the demo's runs faster).
  public func isDue(wall: Double, now: EpochSeconds) -> Bool {
    guard let lastWall, let lastSlot else { return true }
    if forced || slot(now) != lastSlot { return true }
    return changed && wall - lastWall >= minInterval
  }

  /// Wall seconds until a snapshot falls due if nothing else happens; 0 when due now. `speed`: model
  /// seconds per wall second.
  public func secondsUntilDue(wall: Double, now: EpochSeconds, speed: Double = 1) -> Double {
    guard let lastWall, !isDue(wall: wall, now: now) else { return 0 }
    let nextSlotStart = Double(slot(now) + 1) * slotSeconds
    var wait = (nextSlotStart - now) / Swift.max(speed, 1e-9)
    if changed { wait = Swift.min(wait, lastWall + minInterval - wall) }
    return Swift.max(0, wait)
  }

  public mutating func didSnapshot(wall: Double, now: EpochSeconds) {
    lastWall = wall
    lastSlot = slot(now)
    changed = false
    forced = false
  }
}
