/// The stamps wrappers write, always with a zone: RFC 3339 with nanoseconds (Docker, CRI,
/// journal text `+0000`) and the journal's microseconds since the epoch.
enum WrapperTime {
  /// `2026-11-26T12:00:00.123456789Z`, `…+01:00`, `…+0000`; `nil` without a zone or at all.
  static func rfc3339(_ bytes: LineBytes) -> EpochSeconds? {
    var c = ByteCursor(bytes)
    // A wrapper's stamp without a zone is not a wrapper's: no zone is guessed here.
    guard bytes.count > 19, let t = TimestampParser.iso8601(&c, naiveZone: .utc),
      c.index == bytes.count
    else { return nil }
    let zoneWritten = bytes[19...].contains {
      $0 == UInt8(ascii: "Z") || $0 == UInt8(ascii: "z") || $0 == UInt8(ascii: "+")
        || $0 == UInt8(ascii: "-")
    }
    return zoneWritten ? t : nil
  }

  /// `"1795780800123456"`: microseconds since the epoch, as the journal writes them.
  static func microseconds(_ bytes: LineBytes) -> EpochSeconds? {
    guard !bytes.isEmpty, bytes.count <= 19, bytes.allSatisfy(ByteClass.isDigit) else { return nil }
    var value = 0
    for b in bytes { value = value * 10 + Int(b - 0x30) }
    return Double(value) / 1e6
  }
}
