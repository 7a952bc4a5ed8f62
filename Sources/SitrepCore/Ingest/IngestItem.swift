/// Stable identity of one followed file for the life of a `SourceSet` (survives rotations).
public struct FileID: Hashable, Sendable, Comparable, CustomStringConvertible {
  public let rawValue: Int
  public init(rawValue: Int) { self.rawValue = rawValue }
  public static func < (a: FileID, b: FileID) -> Bool { a.rawValue < b.rawValue }
  public var description: String { "file#\(rawValue)" }
}

/// What was unusual about one line. The bytes are passed through untouched; display code sanitises.
public struct LineFlags: OptionSet, Sendable, Hashable {
  public let rawValue: UInt8
  public init(rawValue: UInt8) { self.rawValue = rawValue }

  /// Longer than `maxLineBytes`: only the first `maxLineBytes` are given.
  public static let truncated = LineFlags(rawValue: 1 << 0)
  /// Contains bytes that are not valid UTF-8.
  public static let invalidUTF8 = LineFlags(rawValue: 1 << 1)
  /// Contains a NUL byte (sparse files after copytruncate, binary garbage).
  public static let nul = LineFlags(rawValue: 1 << 2)
  /// Had no newline yet: emitted after a quiet period, or at the end of a one-shot read.
  public static let partial = LineFlags(rawValue: 1 << 3)
}

/// Why a file's stream restarted; decoders holding multi-line state should drop it.
public enum ResetReason: String, Sendable, Equatable {
  /// The file was renamed away and a new one took its path; the old one was read to its end.
  case rotated
  /// The file shrank under us (copytruncate, `> file`): reading restarts at offset 0.
  case truncated
  /// The file was deleted and later a new one appeared at the path.
  case recreated
}

/// One thing `SourceSet.pump` hands to its caller.
public enum IngestItem {
  /// One line without its newline (and without a trailing `\r`). The bytes are only valid during
  /// the call.
  case line(FileID, LineBytes, LineFlags)
  /// A snapshot source (metrics) has been read whole; its lines since the last `snapshotEnd` are
  /// one consistent snapshot.
  case snapshotEnd(FileID)
  /// The file had data and then none for `quietSeconds`, a held partial line was given up on, or
  /// a one-shot read reached its end: flush records held back waiting for continuation lines.
  case quiet(FileID)
  case reset(FileID, ResetReason)
}

extension IngestItem {
  public var fileID: FileID {
    switch self {
    case .line(let id, _, _), .snapshotEnd(let id), .quiet(let id), .reset(let id, _): id
    }
  }

  public var isLine: Bool {
    if case .line = self { return true }
    return false
  }
}
