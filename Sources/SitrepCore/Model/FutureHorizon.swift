/// How far ahead of "now" a line's own time may be before it is refused as stamped in the future.
///
/// One line from tomorrow (a clock set wrong, a test fixture, year 9999) would otherwise become
/// the newest event: the request ring moves on to its time and drops every real line, "last
/// request" answers "just now" and the silence check is off, so an outage reads OK. Lines a little
/// ahead are normal (hosts' clocks differ, a log line written before the read that saw it).
public enum FutureHorizon {
  /// Five minutes: far more than clock skew between hosts, far less than any window.
  public static let seconds: EpochSeconds = 300

  /// The latest time accepted when the clock (or `--at`) says `now`.
  public static func limit(now: EpochSeconds) -> EpochSeconds { now + seconds }
}
