import SitrepCore

/// The log view's cursor, filter, search and the lines it shows: the lines the archive keeps
/// (filled by the run loop), with the lines read back from the files above them.
public struct LogViewState: Sendable, Equatable {
  /// What is shown: `readBack.lines` then `kept` (see `showHeld`).
  public var lines: [ArchivedLine] = []
  /// The newest lines of each file, as the archive keeps them.
  public var kept: [ArchivedLine] = []
  /// Older lines read back from the files on demand.
  public var readBack = LogReadBack()
  /// Index of the line at the bottom of the view; `nil` follows the end.
  public var bottom: Int?
  public var horizontalOffset = 0
  /// `&`: only lines matching it are shown (see `LinePattern`).
  public var filter = ""
  /// `/` or `?`: matches are highlighted and `n`/`N` jump between them; every line stays shown.
  public var search = ""
  /// The direction of the last search: `n` goes on that way, `N` the other, as in less.
  public var searchForward = true
  /// Index into `lines` of the current match or error, highlighted.
  public var cursor: Int?

  public init() {}

  /// The record a line belongs to: back to the line that starts it, on over the lines that
  /// continue it (its traceback), in the same file.
  public static func record(at index: Int, in lines: [ArchivedLine]) -> [ArchivedLine] {
    guard lines.indices.contains(index) else { return [] }
    let path = lines[index].path
    var start = index
    while lines[start].continuesRecord,
      let previous = lines[..<start].lastIndex(where: { $0.path == path })
    {
      start = previous
    }
    var record = [lines[start]]
    for line in lines[(start + 1)...] where line.path == path {
      guard line.continuesRecord else { break }
      record.append(line)
    }
    return record
  }

  /// The lines that pass the filter, as indices into `lines`.
  public var visibleIndices: [Int] {
    guard !filter.isEmpty else { return Array(lines.indices) }
    let pattern = LinePattern(filter)
    return lines.indices.filter { pattern.matches(lines[$0].text) }
  }
}
