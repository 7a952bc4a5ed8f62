import FoundationEssentials

/// Short human forms for durations, latencies and rates, shared by reasons, views and text reports.
public enum Formatting {
  /// `38ms`, `410ms`, `2.1s`, `1m04s`.
  public static func latency(_ ms: Double?) -> String {
    guard let ms else { return "—" }
    if ms < 1 { return String(cFormat: "%.1fms", ms) }
    if ms < 1000 { return "\(Int(saturating: ms.rounded()))ms" }
    if ms < 10_000 { return String(cFormat: "%.1fs", ms / 1000) }
    if ms < 60_000 { return "\(Int(saturating: (ms / 1000).rounded()))s" }
    return duration(ms / 1000)
  }

  /// `45s`, `2m14s`, `1h05m`, `3d4h`.
  public static func duration(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "—" }
    if seconds < 10 && seconds > 0 && seconds != seconds.rounded() {
      return seconds < 1
        ? "\(Int(saturating: (seconds * 1000).rounded()))ms" : String(cFormat: "%.1fs", seconds)
    }
    let s = Int(saturating: seconds.rounded(.down))
    if s < 60 { return "\(Swift.max(s, 0))s" }
    if s < 3600 { return "\(s / 60)m\(String(cFormat: "%02d", s % 60))s" }
    if s < 86_400 { return "\(s / 3600)h\(String(cFormat: "%02d", (s % 3600) / 60))m" }
    return "\(s / 86_400)d\((s % 86_400) / 3600)h"
  }

  /// `0.4%`, `12%`, `—` when unknown.
  public static func percent(_ ratio: Double?) -> String {
    guard let ratio else { return "—" }
    let p = ratio * 100
    if p == 0 { return "0%" }
    if p < 10 { return String(cFormat: "%.1f%%", p) }
    return "\(Int(saturating: p.rounded()))%"
  }

  /// `312`, `12.5`, `0.25`.
  public static func rate(_ rps: Double?) -> String {
    guard let rps else { return "—" }
    if rps >= 100 { return "\(Int(saturating: rps.rounded()))" }
    if rps >= 10 { return String(cFormat: "%.1f", rps) }
    return String(cFormat: "%.2f", rps)
  }

  /// `14:02:31` in the given offset from UTC.
  public static func clock(_ t: EpochSeconds, offsetSeconds: Int) -> String {
    let s = Int64(saturating: (t + Double(offsetSeconds)).rounded(.down))
    let day = ((s % 86_400) + 86_400) % 86_400
    return String(cFormat: "%02d:%02d:%02d", day / 3600, (day % 3600) / 60, day % 60)
  }

  /// ISO 8601 with `Z`, for JSON. Times outside years 1–9999 are clamped to them: ISO 8601 has
  /// no room for more digits, and a wild line must not break the document.
  public static func iso8601(_ t: EpochSeconds) -> String {
    let clamped = t.isNaN ? 0 : Swift.min(Swift.max(t, -62_135_596_800), 253_402_300_799.9995)
    let c = CivilClock(clamped)
    return String(
      cFormat: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year, c.month, c.day, c.hour, c.minute,
      c.second, c.millisecond)
  }

  /// `12m ago`, `just now`.
  public static func ago(_ t: EpochSeconds, now: EpochSeconds) -> String {
    let d = now - t
    if d < 1 { return "just now" }
    return "\(duration(d)) ago"
  }
}
