/// Durations as people write them in config and on the command line: `90s`, `5m`, `1h30m`,
/// `500ms`, `1.5h`, `2d`. A bare number is seconds.
public enum DurationText {
  /// Seconds, or nil when the text is not a duration (or is negative, NaN or absurdly large).
  public static func seconds(from text: String) -> Double? {
    let trimmed = text.configTrimmed().lowercased()
    guard !trimmed.isEmpty else { return nil }
    if let plain = Double(trimmed), plain.isFinite, plain >= 0, isDecimal(trimmed) {
      return plain
    }
    var total = 0.0
    var rest = Substring(trimmed)
    while !rest.isEmpty {
      let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
      rest = rest.dropFirst(number.count)
      let unit = rest.prefix { $0.isLetter }
      rest = rest.dropFirst(unit.count).drop { $0 == " " }
      guard !number.isEmpty, let value = Double(number), let scale = unitSeconds(unit) else {
        return nil
      }
      total += value * scale
    }
    // Past a century is a typo, and keeps later arithmetic far from overflow.
    guard total.isFinite, total <= 100 * 365 * 86_400 else { return nil }
    return total
  }

  private static func unitSeconds(_ unit: Substring) -> Double? {
    switch unit {
    case "ms": 0.001
    case "s", "sec", "secs": 1
    case "m", "min", "mins": 60
    case "h", "hr", "hrs": 3_600
    case "d", "day", "days": 86_400
    case "w": 604_800
    default: nil
    }
  }

  private static func isDecimal(_ text: String) -> Bool {
    text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
  }

  /// Compact text for a duration: `500ms`, `45s`, `1m30s`, `1h`, `2h5m`, `3d4h`.
  public static func format(seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "-" }
    if seconds < 1 { return "\(Int(saturating: (seconds * 1000).rounded()))ms" }
    let whole = Int(saturating: min(seconds.rounded(), Double(Int32.max)))
    let days = whole / 86_400
    let hours = whole % 86_400 / 3_600
    let minutes = whole % 3_600 / 60
    let secs = whole % 60
    if days > 0 { return hours > 0 ? "\(days)d\(hours)h" : "\(days)d" }
    if hours > 0 { return minutes > 0 ? "\(hours)h\(minutes)m" : "\(hours)h" }
    if minutes > 0 { return secs > 0 ? "\(minutes)m\(secs)s" : "\(minutes)m" }
    return "\(secs)s"
  }
}

/// Byte sizes: `8MiB`, `512KiB`, `1GiB` (binary), `10MB` (decimal), `4096` (bytes). Used for how
/// much of each file to read at start.
public enum ByteSizeText {
  public static func bytes(from text: String) -> Int? {
    let trimmed = text.configTrimmed()
    let number = trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
    let unit = trimmed.dropFirst(number.count).configTrimmed().lowercased()
    guard !number.isEmpty, let value = Double(number), let scale = unitBytes(unit) else {
      return nil
    }
    let bytes = (value * scale).rounded()
    // `Int(exactly:)` refuses values past Int.max instead of trapping.
    guard bytes.isFinite, bytes >= 0, bytes < 0x1p62 else { return nil }
    return Int(exactly: bytes)
  }

  private static func unitBytes(_ unit: String) -> Double? {
    switch unit {
    case "", "b": 1
    case "k", "kib": 1_024
    case "m", "mib": 1_048_576
    case "g", "gib": 1_073_741_824
    case "kb": 1_000
    case "mb": 1_000_000
    case "gb": 1_000_000_000
    default: nil
    }
  }

  /// `8MiB`, `512KiB`, `1536B`: the largest binary unit that divides the size exactly.
  public static func format(bytes: Int) -> String {
    for (unit, scale) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)]
    where bytes >= scale && bytes % scale == 0 {
      return "\(bytes / scale)\(unit)"
    }
    return "\(bytes)B"
  }
}

extension StringProtocol {
  func configTrimmed() -> String {
    String(drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
  }
}
