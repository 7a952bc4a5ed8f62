/// What one wrapper line says about the line inside it. The inner bytes themselves are written to
/// a buffer the caller owns, so a frame costs no allocation per line.
public struct WrapperFrame: Sendable, Equatable {
  /// The stream a piece came from: partial lines join only within one stream.
  public enum Stream: UInt8, Sendable {
    case stdout, stderr, other
  }

  /// When the wrapper saw the line (Docker's and the CRI's `time`, the journal's realtime stamp).
  public var time: EpochSeconds?
  public var stream: Stream
  /// The line goes on in the next piece of the same stream (Docker's 16 KiB split, CRI's `P`).
  public var partial: Bool
  /// The severity the wrapper recorded (the journal's PRIORITY), for lines that carry none.
  public var level: LogLevel?
  /// The program that wrote it (the journal's SYSLOG_IDENTIFIER or unit), for plain messages.
  public var identifier: String?

  public init(
    time: EpochSeconds?, stream: Stream = .other, partial: Bool = false, level: LogLevel? = nil,
    identifier: String? = nil
  ) {
    self.time = time
    self.stream = stream
    self.partial = partial
    self.level = level
    self.identifier = identifier
  }
}

/// How one wrapper line read.
public enum FrameReading: Sendable, Equatable {
  /// A frame; its inner bytes were written to the content buffer.
  case frame(WrapperFrame)
  /// The wrapper's own line carrying no inner line (`-- Boot 1a2b… --` in journal text).
  case notice
  /// Not a frame of this wrapper.
  case malformed
}

/// A wrapper's line reader. Stateful where the wrapper is (journal text continues a message on
/// indented lines).
public protocol FrameReader {
  /// Reads one wrapper line; on `.frame`, `content` holds the inner bytes (replaced, not appended).
  mutating func read(_ line: LineBytes, content: inout [UInt8]) -> FrameReading
}
