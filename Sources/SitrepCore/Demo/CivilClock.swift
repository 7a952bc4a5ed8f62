/// Epoch seconds to calendar fields (proleptic Gregorian, UTC plus an offset), for writing log
/// timestamps without Foundation's slow formatters. Howard Hinnant's civil-from-days algorithm.
public struct CivilClock {
  var year, month, day, hour, minute, second, millisecond: Int

  static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  public init(_ t: Double, offsetSeconds: Int = 0) {
    let shifted = t + Double(offsetSeconds)
    let whole = Int(saturating: shifted.rounded(.down))
    millisecond = Int(saturating: ((shifted - Double(whole)) * 1000).rounded(.down))
    var days = whole / 86_400
    var secs = whole % 86_400
    if secs < 0 {
      secs += 86_400
      days -= 1
    }
    hour = secs / 3600
    minute = (secs % 3600) / 60
    second = secs % 60
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    day = doy - (153 * mp + 2) / 5 + 1
    month = mp < 10 ? mp + 3 : mp - 9
    year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  }

  static func pad(_ v: Int, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
  }

  /// `24/Nov/2026:14:02:31 +0000` (nginx), for UTC.
  public var nginx: String {
    "\(Self.pad(day, 2))/\(Self.monthNames[month - 1])/\(year):\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2)) +0000"
  }

  /// `2026-11-24 14:02:31,118` (Python logging's asctime, Celery).
  public var asctime: String {
    "\(year)-\(Self.pad(month, 2))-\(Self.pad(day, 2)) \(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2)),\(Self.pad(millisecond, 3))"
  }

  /// `2026-11-24T14:02:31Z`, for UTC.
  public var iso: String {
    "\(year)-\(Self.pad(month, 2))-\(Self.pad(day, 2))T\(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))Z"
  }
}
