import Glibc

/// One raw line kept for the log view: sanitised text, where it came from, and what its decoder
/// made of it (an error line; a line of the record above it).
public struct ArchivedLine: Sendable, Equatable {
  /// When the line was read: the order lines of different files are shown in.
  public var time: EpochSeconds
  /// The time the line itself states (or its record's, for a traceback line); `nil` when it
  /// states none. A backfilled line was read at start-up, long after it was written: matching a
  /// request to an exception goes by this.
  public var stamped: EpochSeconds?
  public var path: String
  public var role: SourceRole?
  public var service: String?
  public var text: String
  /// An error-level record, failed job or 5xx request, or a line of such a record's traceback.
  public var isError: Bool
  /// A line of the record above it (a traceback line).
  public var continuesRecord: Bool
  /// The machine the line was logged on (`[[source]] host`), `nil` for this one.
  public var host: String?
  /// Where the line starts in its file, so older lines can be read back from there; `nil` for a
  /// command's output or a compressed file.
  public var position: LinePosition?

  public init(
    time: EpochSeconds, path: String, role: SourceRole?, service: String?, host: String? = nil,
    text: String, isError: Bool, continuesRecord: Bool = false, stamped: EpochSeconds? = nil,
    position: LinePosition? = nil
  ) {
    self.position = position
    self.host = host
    self.time = time
    self.stamped = stamped
    self.path = path
    self.role = role
    self.service = service
    self.text = text
    self.isError = isError
    self.continuesRecord = continuesRecord
  }

  /// Where `e`/`E` stop: the first line of an error record, not each line of its traceback.
  public var startsErrorRecord: Bool { isError && !continuesRecord }

  /// The line's own time when it states one, else when it was read.
  public var when: EpochSeconds { stamped ?? time }
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
    var isRetired = false

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

  /// Lines kept per file for the log views: the newest, older ones dropped as new ones come.
  public static let defaultCapacity = 2000

  public init(perSourceCapacity: Int = LineArchive.defaultCapacity) {
    self.perSourceCapacity = perSourceCapacity
  }

  public func append(_ line: ArchivedLine) {
    if rings[line.path] == nil {
      rings[line.path] = Ring(capacity: perSourceCapacity)
      order.append(line.path)
    }
    if rings[line.path]!.isRetired {
      // A path that comes back after it was retired is followed again: it is live once more.
      rings[line.path]!.isRetired = false
      retiredOrder.removeAll { $0 == line.path }
    }
    rings[line.path]!.append(line)
  }

  public func removeAll() {
    rings.removeAll()
    order.removeAll()
    retiredOrder.removeAll()
  }

  /// Rings of files that are gone (retired glob matches) kept for the log view, oldest retired
  /// dropped first: a box that churns files must not grow a ring per file for ever.
  public static let retiredCapacity = 64
  private var retiredOrder: [String] = []

  /// The file at `path` is gone for good: its lines stay visible until `retiredCapacity` newer
  /// retired files push them out.
  public func retire(path: String) {
    guard let ring = rings[path], !ring.isRetired else { return }
    rings[path]!.isRetired = true
    retiredOrder.append(path)
    guard retiredOrder.count > Self.retiredCapacity else { return }
    let oldest = retiredOrder.removeFirst()
    rings[oldest] = nil
    order.removeAll { $0 == oldest }
  }

  /// How many sources have lines kept (for the memory bound's test).
  public var sourceCount: Int { rings.count }

  /// Lines matching the query's service, roles, text and time, merged by time (stable within a
  /// source).
  public func lines(
    service: String?, roles: Set<SourceRole>, mustContain: String?,
    within: ClosedRange<EpochSeconds>? = nil, limit: Int = 5000
  ) -> [ArchivedLine] {
    var out: [ArchivedLine] = []
    for path in order {
      guard let ring = rings[path], let first = ring.items.first else { continue }
      if let service, first.service != nil, first.service != service { continue }
      if !roles.isEmpty, let role = first.role, !roles.contains(role) { continue }
      var lines = ring.ordered
      if let within {
        // Whole records: a traceback line carries its record's time.
        lines = lines.filter { within.contains($0.when) }
      }
      if let needle = mustContain {
        out += Self.records(lines, containing: needle)
      } else {
        out += lines
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
      if !record.isEmpty, !line.continuesRecord {
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

}
