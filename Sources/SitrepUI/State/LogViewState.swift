import SitrepCore

/// The log view's cursor, filter and the lines it shows (filled by the run loop from the archive).
public struct LogViewState: Sendable, Equatable {
  public var lines: [ArchivedLine] = []
  /// Index of the line at the bottom of the view; `nil` follows the end.
  public var bottom: Int?
  public var horizontalOffset = 0
  public var filter = ""
  /// Index into `lines` of the current match or error, highlighted.
  public var cursor: Int?

  public init() {}

  /// The lines that pass the filter, as indices into `lines`.
  public var visibleIndices: [Int] {
    guard !filter.isEmpty else { return Array(lines.indices) }
    let needle = filter.lowercased()
    return lines.indices.filter { lines[$0].text.lowercased().contains(needle) }
  }
}
