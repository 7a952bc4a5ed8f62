import Glibc

/// The service names a file's own lines state: a `service`/`service_name` field in JSON records
/// (app logs, deploy logs), `service=` in a key=value deploy log, and a `*_build_info` metric's
/// `service` label or a `job` label in Prometheus text. Read from the start of the file, so a
/// source can be named before its lines are decoded.
enum ServiceNamesInLogs {
  static let headBytes = 64 << 10
  static let jsonKeys = ["service", "service_name"]

  /// Distinct names in the first `headBytes` of the file; empty when it names none or cannot be
  /// read.
  static func names(inFile path: String) -> Set<String> {
    guard let head = readHead(path) else { return [] }
    var names: Set<String> = []
    for line in head.split(separator: UInt8(ascii: "\n")) {
      // Most lines (an access log's) name nothing: a byte search skips them before any String
      // is made, which took 4 ms of every start on a 64 KiB head.
      guard mentions("service", line) || mentions("job=", line) else { continue }
      if let name = name(inLine: String(decoding: line, as: UTF8.self)) { names.insert(name) }
      if names.count > 4 { break }
    }
    return names
  }

  /// Whether `word` occurs in `line`: memchr for its first byte, then a compare.
  static func mentions(_ word: StaticString, _ line: ArraySlice<UInt8>) -> Bool {
    let n = word.utf8CodeUnitCount
    let first = Int32(word.utf8Start.pointee)
    return line.withUnsafeBytes { bytes in
      guard let base = bytes.baseAddress, bytes.count >= n else { return false }
      var at = base
      let last = base + (bytes.count - n)
      while at <= last, let hit = memchr(at, first, last - at + 1) {
        if memcmp(hit, word.utf8Start, n) == 0 { return true }
        at = UnsafeRawPointer(hit) + 1
      }
      return false
    }
  }

  static func name(inLine line: String) -> String? {
    let trimmed = line.configTrimming(" ")
    if trimmed.hasPrefix("{") {
      guard let object = JSONObject.parse(trimmed),
        let value = object.first(jsonKeys)?.value.stringValue
      else { return nil }
      return usable(value)
    }
    if trimmed.hasPrefix("#") { return nil }
    if let brace = trimmed.firstIndex(of: "{") {
      let metric = trimmed[..<brace]
      let labels = trimmed[brace...]
      if metric.hasSuffix("_build_info"), let service = label("service", in: labels) {
        return usable(service)
      }
      return label("job", in: labels).flatMap(usable)
    }
    // `2026-11-24T13:50:00Z v1.4.2 service=api by=alice`
    for word in trimmed.split(separator: " ") where word.hasPrefix("service=") {
      return usable(String(word.dropFirst("service=".count)).configTrimming("\""))
    }
    return nil
  }

  /// `name="value"` inside a Prometheus label set.
  private static func label(_ name: String, in labels: Substring) -> String? {
    guard let range = labels.firstRange(of: name + "=\"") else { return nil }
    // Not the tail of a longer label name (`service_job="..."`).
    if range.lowerBound > labels.startIndex {
      let before = labels[labels.index(before: range.lowerBound)]
      guard before == "{" || before == "," || before == " " else { return nil }
    }
    let rest = labels[range.upperBound...]
    guard let end = rest.firstIndex(of: "\"") else { return nil }
    return String(rest[..<end])
  }

  /// A name worth showing: short, printable, not empty.
  private static func usable(_ value: String) -> String? {
    let name = value.configTrimming(" ")
    guard !name.isEmpty, name.count <= 64,
      name.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F })
    else { return nil }
    return name
  }

  private static func readHead(_ path: String) -> [UInt8]? {
    guard case .found(let info) = FileSystem.info(path: path), info.isRegular else { return nil }
    let (descriptor, _) = FileSystem.openForReading(path)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: min(headBytes, info.size))
    var filled = 0
    while filled < buffer.count {
      let n = buffer.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress! + filled, $0.count - filled, off_t(filled))
      }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { break }
      filled += n
    }
    return Array(buffer[0..<filled])
  }
}
