@testable import SitrepCore

/// Frames real program lines the way each wrapper writes them, for tests: Docker's json-file
/// driver (Go's encoding/json), the CRI, and journalctl's json and short-iso output.
enum WrapperFraming {
  /// Go's encoding/json string: `<`, `>`, `&` and controls as `\u00XX`, invalid UTF-8 as
  /// `\ufffd`.
  static func goJSONString(_ bytes: [UInt8]) -> String {
    var out = "\""
    for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "<", ">", "&", "\u{2028}", "\u{2029}":
        out += "\\u" + hex4(scalar.value)
      case _ where scalar.value < 0x20: out += "\\u" + hex4(scalar.value)
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  static func hex4(_ v: UInt32) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: 4 - digits.count) + digits
  }

  /// RFC 3339 with nanoseconds, trailing zeros trimmed as Go's RFC3339Nano does.
  static func rfc3339Nano(_ t: EpochSeconds) -> String {
    let whole = Int(saturating: t.rounded(.down))
    let civil = isoSeconds(whole)
    var fraction = String(Int(saturating: ((t - Double(whole)) * 1e9).rounded()))
    fraction = String(repeating: "0", count: max(0, 9 - fraction.count)) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return civil + (fraction.isEmpty ? "" : "." + fraction) + "Z"
  }

  /// `2026-11-26T12:00:00`.
  static func isoSeconds(_ whole: Int) -> String {
    let c = CivilClock(Double(whole))
    let p = CivilClock.pad
    return
      "\(c.year)-\(p(c.month, 2))-\(p(c.day, 2))T\(p(c.hour, 2)):\(p(c.minute, 2)):\(p(c.second, 2))"
  }

  static func docker(_ line: [UInt8], stream: String = "stderr", time: EpochSeconds) -> String {
    #"{"log":"# + goJSONString(line + [0x0A]) + #","stream":""# + stream + #"","time":""#
      + rfc3339Nano(time) + #""}"#
  }

  /// `docker logs --timestamps`: the stamp, a space, the line.
  static func dockerTimestamps(_ line: [UInt8], time: EpochSeconds) -> String {
    rfc3339Nano(time) + " " + String(decoding: line, as: UTF8.self)
  }

  static func cri(_ line: [UInt8], stream: String = "stderr", time: EpochSeconds) -> [UInt8] {
    Array("\(rfc3339Nano(time)) \(stream) F ".utf8) + line
  }

  /// journalctl -o json: MESSAGE as a string, or as a byte array when it holds controls other
  /// than newline and tab or is not UTF-8 (as journalctl prints such "binary" fields).
  static func journalJSON(
    _ message: [UInt8], time: EpochSeconds, priority: Int = 6, identifier: String = "uvicorn"
  ) -> String {
    let micros = Int(saturating: (time * 1e6).rounded())
    let binary =
      message.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 }
      || String(validating: message, as: UTF8.self) == nil
    let value =
      binary ? "[" + message.map { String($0) }.joined(separator: ",") + "]" : goJSONString(message)
    return
      #"{"__CURSOR":"s=7d1c;i=\#(micros % 100000);b=5a;m=1;t=\#(String(micros, radix: 16));x=9","__REALTIME_TIMESTAMP":"\#(micros)","__MONOTONIC_TIMESTAMP":"81234567","_BOOT_ID":"5a3f0e6b2c8d4e1f9a7b6c5d4e3f2a1b","PRIORITY":"\#(priority)","SYSLOG_FACILITY":"3","_UID":"1000","_GID":"1000","_COMM":"\#(identifier)","_SYSTEMD_UNIT":"api.service","SYSLOG_IDENTIFIER":"\#(identifier)","_PID":"4121","MESSAGE":\#(value)}"#
  }

  /// journalctl -o short-iso: the prefix, and further lines of the message indented under it.
  static func journalShortISO(
    _ message: [UInt8], time: EpochSeconds, identifier: String = "uvicorn"
  )
    -> [[UInt8]]
  {
    let whole = Int(saturating: time.rounded(.down))
    let prefix = Array("\(isoSeconds(whole))+0000 web-1 \(identifier)[4121]: ".utf8)
    let parts = message.split(separator: 0x0A, omittingEmptySubsequences: false)
    return parts.enumerated().map { k, part in
      (k == 0 ? prefix : [UInt8](repeating: 0x20, count: prefix.count)) + Array(part)
    }
  }
}
