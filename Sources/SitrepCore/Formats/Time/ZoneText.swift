/// The zones a user may write in config (`tz = "..."`) or after `--tz`.
public enum ZoneText {
  /// What a refusal suggests.
  public static let examples =
    "\"UTC\", \"+02:00\", \"-05:30\" or a zone name such as \"Europe/Berlin\""

  /// `UTC`/`Z`/`GMT`, `+HH:MM`/`+HHMM`/`+HH` (up to ±14:00), `local`/`host` for the host's zone,
  /// or an IANA name found in the system's zone database. `nil` for anything else.
  public static func parse(_ text: String, zoneDirectory: String = "/usr/share/zoneinfo")
    -> NaiveZone?
  {
    let trimmed = text.configTrimming(" ")
    switch trimmed.uppercased() {
    case "UTC", "Z", "GMT", "ETC/UTC": return .utc
    case "LOCAL", "HOST": return .host
    default: break
    }
    if let first = trimmed.first, first == "+" || first == "-" {
      return offset(trimmed).map(NaiveZone.fixed)
    }
    guard let table = TZifReader.transitions(named: trimmed, directory: zoneDirectory) else {
      return nil
    }
    return NaiveZone(.named(trimmed, table))
  }

  private static func offset(_ text: String) -> Int? {
    var copy = text
    return copy.withUTF8 { bytes -> Int? in
      var c = ByteCursor(bytes)
      guard let seconds = TimestampParser.zoneOffset(&c), c.isAtEnd, abs(seconds) <= 14 * 3600
      else { return nil }
      return seconds
    }
  }
}
