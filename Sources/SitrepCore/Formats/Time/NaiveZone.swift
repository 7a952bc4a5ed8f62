import Glibc

/// The zone a source's zoneless stamps (Python's asctime, Celery, syslog) are read in: a fixed
/// offset, the host's zone, or a named zone from the tz database. Offsets that change (DST) are
/// taken at each line's own moment, never once at start-up.
public struct NaiveZone: Sendable, Equatable, ExpressibleByIntegerLiteral {
  public enum Rule: Sendable, Equatable {
    /// Seconds east of UTC, all year.
    case fixed(Int)
    /// The host's zone (TZ, else /etc/localtime), through the C library.
    case host
    /// An IANA zone read from its TZif file.
    case named(String, ZoneTransitions)
  }

  public var rule: Rule

  public init(_ rule: Rule) { self.rule = rule }

  /// Tests and call sites that mean a fixed offset write it as a number of seconds.
  public init(integerLiteral seconds: Int) { rule = .fixed(seconds) }

  public static func fixed(_ seconds: Int) -> NaiveZone { NaiveZone(.fixed(seconds)) }
  public static let host = NaiveZone(.host)
  public static let utc = NaiveZone.fixed(0)

  /// The host zone's offset at one moment, asked of the C library directly (no table is built):
  /// for the clock on screen, which needs one answer, not one per line.
  public static func hostOffset(atUTC utc: Int) -> Int { ZoneTransitions.hostOffset(atUTC: utc) }

  /// Seconds east of UTC in force at the moment `utc`.
  public func offset(atUTC utc: Int) -> Int {
    switch rule {
    case .fixed(let seconds): return seconds
    case .host:
      let table = ZoneTransitions.host
      guard utc >= table.knownFrom, utc < table.knownUntil else {
        return ZoneTransitions.hostOffset(atUTC: utc)
      }
      return table.offset(atUTC: utc)
    case .named(_, let table): return table.offset(atUTC: utc)
    }
  }

  /// The offset for a wall-clock time, given as seconds since the epoch as if it were UTC. In the
  /// hour skipped or repeated by a DST change the answer is one of the two offsets around it.
  public func offset(forWallClock wall: Int) -> Int {
    if case .fixed(let seconds) = rule { return seconds }
    let guess = offset(atUTC: wall - offset(atUTC: wall))
    return offset(atUTC: wall - guess)
  }

  /// How the report and the sources view name it: `+01:00`, `UTC`, `Europe/Berlin`; the host zone
  /// by the name in TZ when there is one (its offset changes), else by its offset at `now`.
  public func label(now: EpochSeconds) -> String {
    switch rule {
    case .fixed(let seconds): return Self.offsetText(seconds)
    case .host:
      if let name = getenv("TZ").map({ String(cString: $0) }), !name.isEmpty {
        return name.hasPrefix(":") ? String(name.dropFirst()) : name
      }
      let t = now.isFinite ? Int(saturating: now.rounded(.down)) : 0
      return Self.offsetText(offset(atUTC: t))
    case .named(let name, _): return name
    }
  }

  /// `UTC`, `+01:00`, `-05:30`.
  public static func offsetText(_ seconds: Int) -> String {
    if seconds == 0 { return "UTC" }
    let magnitude = abs(seconds) / 60
    return (seconds < 0 ? "-" : "+") + String(cFormat: "%02d:%02d", magnitude / 60, magnitude % 60)
  }
}
