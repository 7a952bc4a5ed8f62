/// Which zone a source's zoneless stamps are read in, and why: shown per source so a wrong guess
/// is visible instead of silently moving every line.
public struct ZoneAssumption: Sendable, Equatable {
  public enum Origin: String, Sendable, Equatable {
    case config = "config"
    case flag = "flag"
    case inferredFromFileTime = "inferred from file time"
    case hostZone = "host zone"
    /// The stamps carry their own zone; `zone` only serves stray zoneless lines.
    case inTheLines = "in the lines"
  }

  public var zone: NaiveZone
  public var origin: Origin

  public init(zone: NaiveZone, origin: Origin) {
    self.zone = zone
    self.origin = origin
  }

  /// True when nobody said which zone the lines are in and sitrep had to guess.
  public var isGuess: Bool { origin == .inferredFromFileTime || origin == .hostZone }

  /// The zone as the report shows it; `nil` when the lines carry their own.
  public func label(now: EpochSeconds) -> String? {
    origin == .inTheLines ? nil : zone.label(now: now)
  }

  /// For the text report and the sources view: `times read as UTC (host zone)`.
  public func note(now: EpochSeconds) -> String? {
    guard let label = label(now: now) else { return nil }
    return "times read as \(label) (\(origin.rawValue))"
  }

  /// A short cell for a table: the zone, with `?` when it is a guess; `in lines` when the stamps
  /// carry their own.
  public func cell(now: EpochSeconds) -> String {
    guard let label = label(now: now) else { return "in lines" }
    return isGuess ? label + "?" : label
  }
}
