/// Whether the data read covers the window an answer speaks for. A source covers it when nothing
/// older than its first line read was left unread, or when that first line is at or before the
/// window's start; otherwise the answer is about a shorter stretch than it claims, and says so.
public struct WindowCoverage: Sendable, Equatable {
  /// `true` when every source covers the window, `false` when one does not, `nil` when a source
  /// left older lines unread and its lines carry no readable time.
  public var windowCovered: Bool?
  /// When not covered: the latest moment from which every source's data is complete.
  public var coversFrom: EpochSeconds?
}

extension SourceHealth {
  /// `true`, `false`, or `nil` when older lines were left unread and the time of the first line
  /// read is unknown.
  public func coversWindow(from windowStart: EpochSeconds) -> Bool? {
    guard leftOlderUnread else { return true }
    guard let coversFrom else { return nil }
    return coversFrom <= windowStart
  }
}

extension Snapshot {
  public var windowStart: EpochSeconds { now - window.seconds }

  public var coverage: WindowCoverage {
    var result = WindowCoverage(windowCovered: true, coversFrom: nil)
    for source in sources {
      switch source.coversWindow(from: windowStart) {
      case .some(true): continue
      case .some(false):
        result.windowCovered = false
        if let from = source.coversFrom {
          result.coversFrom = max(result.coversFrom ?? from, from)
        }
      case .none:
        if result.windowCovered == true { result.windowCovered = nil }
      }
    }
    return result
  }

  /// One sentence for the text report when the data does not cover the window, else `nil`.
  public var coverageNote: String? {
    let c = coverage
    switch c.windowCovered {
    case .some(true): return nil
    case .some(false):
      let span = c.coversFrom.map { Formatting.duration(max(0, now - $0)) } ?? "part"
      return "data covers only the last \(span) of the \(window.label) window: older lines were "
        + "left unread (read limit per file; --from-start reads everything)"
    case .none:
      return "data may not cover the \(window.label) window: older lines were left unread and "
        + "their times are unknown (--from-start reads everything)"
    }
  }
}
