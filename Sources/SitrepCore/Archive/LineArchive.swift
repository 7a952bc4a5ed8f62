import Glibc

/// One raw line kept for the log view: sanitised text, where it came from, whether it looks like an error.
public struct ArchivedLine: Sendable, Equatable {
  public var time: EpochSeconds
  public var path: String
  public var role: SourceRole?
  public var service: String?
  public var text: String
  public var isError: Bool

  public init(
    time: EpochSeconds, path: String, role: SourceRole?, service: String?, text: String,
    isError: Bool
  ) {
    self.time = time
    self.path = path
    self.role = role
    self.service = service
    self.text = text
    self.isError = isError
  }
}

/// The latest lines of every source, bounded per source, for drill-downs and the log view.
/// Lines are stored already sanitised: nothing from a log reaches the terminal raw.
public final class LineArchive {
  public let perSourceCapacity: Int
  private var rings: [String: Ring] = [:]
  private var order: [String] = []

  struct Ring {
    var items: [ArchivedLine] = []
    var start = 0
    var capacity: Int

    mutating func append(_ line: ArchivedLine) {
      if items.count < capacity {
        items.append(line)
      } else {
        items[start] = line
        start = (start + 1) % capacity
      }
    }

    var ordered: [ArchivedLine] { Array(items[start...] + items[..<start]) }
  }

  public init(perSourceCapacity: Int = 2000) {
    self.perSourceCapacity = perSourceCapacity
  }

  public func append(_ line: ArchivedLine) {
    if rings[line.path] == nil {
      rings[line.path] = Ring(capacity: perSourceCapacity)
      order.append(line.path)
    }
    rings[line.path]!.append(line)
  }

  public func removeAll() {
    rings.removeAll()
    order.removeAll()
  }

  /// Lines matching the query's service, roles and text, merged by time (stable within a source).
  public func lines(
    service: String?, roles: Set<SourceRole>, mustContain: String?, limit: Int = 5000
  ) -> [ArchivedLine] {
    var out: [ArchivedLine] = []
    for path in order {
      guard let ring = rings[path], let first = ring.items.first else { continue }
      if let service, first.service != nil, first.service != service { continue }
      if !roles.isEmpty, let role = first.role, !roles.contains(role) { continue }
      if let needle = mustContain {
        out += Self.records(ring.ordered, containing: needle)
      } else {
        out += ring.ordered
      }
    }
    // Stable merge by time across sources.
    let sorted = out.enumerated().sorted { a, b in
      a.element.time != b.element.time ? a.element.time < b.element.time : a.offset < b.offset
    }.map(\.element)
    return Array(sorted.suffix(limit))
  }

  /// Whole records (a line and the traceback lines under it) with `needle` anywhere in them: a
  /// run id is on the record's first line, an exception type often only on its last.
  static func records(_ lines: [ArchivedLine], containing needle: String) -> [ArchivedLine] {
    var out: [ArchivedLine] = []
    var record: [ArchivedLine] = []
    var matched = false
    for line in lines {
      if !record.isEmpty, !isContinuation(line.text) {
        if matched { out += record }
        record.removeAll(keepingCapacity: true)
        matched = false
      }
      record.append(line)
      if !matched, line.text.contains(needle) { matched = true }
    }
    if matched { out += record }
    return out
  }

  /// Lines that continue the record above them: traceback frames, code, chaining notes, and the
  /// final `Type: message` line (which starts with neither a bracket nor a digit).
  static func isContinuation(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first else { return true }
    if first == " " || first == "\t" { return true }
    if text.hasPrefix("Traceback (most recent") || text.hasPrefix("During handling")
      || text.hasPrefix("The above exception")
    {
      return true
    }
    return first != "[" && first != "{" && !("0"..."9").contains(first) && text.contains(": ")
      && !text.hasPrefix("INFO") && !text.hasPrefix("WARNING") && !text.hasPrefix("ERROR")
  }

  /// A line "looks like an error" for `e`/`E` navigation: an error level, a traceback, a job
  /// failure or a 5xx status in an access log.
  public static func looksLikeError(_ text: String) -> Bool {
    var text = text
    // One byte search per marker over the UTF-8 bytes: `String.contains` goes through Foundation
    // here and was most of the dashboard's CPU under heavy ingest.
    return text.withUTF8 { bytes in
      guard let base = bytes.baseAddress else { return false }
      for marker in errorMarkers where find(marker, in: base, count: bytes.count) != nil {
        return true
      }
      // Access log: `" 5xx ` right after the quoted request line (the first `" 5` decides).
      guard let at = find(statusMarker, in: base, count: bytes.count) else { return false }
      let rest = at + statusMarker.count
      return rest + 3 <= bytes.count && ByteClass.isDigit(base[rest])
        && ByteClass.isDigit(base[rest + 1]) && base[rest + 2] == UInt8(ascii: " ")
    }
  }

  private static let errorMarkers: [[UInt8]] = [
    "ERROR", "CRITICAL", "Traceback (most recent", "raised unexpected", "FAILURE", "Failed ",
    "exception raised", "\"level\": \"error\"", "level=error", "\"levelname\": \"ERROR\"",
  ].map { Array($0.utf8) }
  private static let statusMarker = Array("\" 5".utf8)

  /// Offset of the first occurrence of `needle`, or `nil`.
  private static func find(_ needle: [UInt8], in base: UnsafePointer<UInt8>, count: Int) -> Int? {
    // memchr for the first byte, memcmp for the rest (Glibc's module does not export memmem).
    needle.withUnsafeBufferPointer { n in
      guard let first = n.first, n.count <= count else { return nil }
      var from = 0
      while from + n.count <= count,
        let hit = memchr(base + from, Int32(first), count - from - n.count + 1)
      {
        let at = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
        if memcmp(base + at, n.baseAddress!, n.count) == 0 { return at }
        from = at + 1
      }
      return nil
    }
  }
}
