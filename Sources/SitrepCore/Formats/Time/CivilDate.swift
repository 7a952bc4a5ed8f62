/// Calendar arithmetic on the proleptic Gregorian calendar, done by hand because Foundation's
/// `DateFormatter` is far too slow for millions of lines (algorithms after H. Hinnant).
public enum CivilDate {
  /// Days since 1970-01-01 for a civil date. The caller validates the date first.
  public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The civil date of a day count since 1970-01-01.
  public static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  public static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Whether the fields name a real moment. Years are limited to 1970...9999: log lines from
  /// before the epoch or beyond four digits are garbage, not history.
  public static func isValid(
    year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0
  ) -> Bool {
    guard (1970...9999).contains(year), (1...12).contains(month) else { return false }
    guard day >= 1, day <= daysInMonth(year: year, month: month) else { return false }
    // 60 allows a leap second as some loggers print it.
    return (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
  }

  /// Epoch seconds for a validated civil time at UTC offset `offsetSeconds`.
  public static func epoch(
    year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, fraction: Double = 0,
    offsetSeconds: Int = 0
  ) -> EpochSeconds? {
    guard isValid(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
    return Double(seconds) + fraction
  }

  /// Month number for an English three-letter abbreviation (`Nov` → 11), any case.
  public static func month(abbreviation b0: UInt8, _ b1: UInt8, _ b2: UInt8) -> Int? {
    let key = (UInt32(b0 | 0x20) << 16) | (UInt32(b1 | 0x20) << 8) | UInt32(b2 | 0x20)
    switch key {
    case 0x6A_616E: return 1  // jan
    case 0x66_6562: return 2  // feb
    case 0x6D_6172: return 3  // mar
    case 0x61_7072: return 4  // apr
    case 0x6D_6179: return 5  // may
    case 0x6A_756E: return 6  // jun
    case 0x6A_756C: return 7  // jul
    case 0x61_7567: return 8  // aug
    case 0x73_6570: return 9  // sep
    case 0x6F_6374: return 10  // oct
    case 0x6E_6F76: return 11  // nov
    case 0x64_6563: return 12  // dec
    default: return nil
    }
  }
}
