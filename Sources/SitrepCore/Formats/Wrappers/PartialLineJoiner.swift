/// Joins the pieces of a line a wrapper split (Docker at 16 KiB, CRI's `P` pieces), per stream,
/// up to `limit` bytes: past it the rest of the line is dropped and counted, so a writer that
/// never ends its line cannot grow memory without bound.
public struct PartialLineJoiner {
  /// A line joined beyond this is cut here.
  public static let defaultLimit = 1 << 20

  public let limit: Int
  private var pending: [WrapperFrame.Stream: [UInt8]] = [:]
  /// Frames of lines still being joined: the first piece's time stamps the whole line.
  private var firstFrame: [WrapperFrame.Stream: WrapperFrame] = [:]
  /// Lines cut at `limit`.
  public private(set) var truncated = 0
  private var cutStreams: Set<WrapperFrame.Stream> = []

  public init(limit: Int = defaultLimit) { self.limit = max(1, limit) }

  /// Whether any stream has a piece waiting.
  public var isJoining: Bool { !pending.isEmpty }

  /// Adds one piece. When it completes a line, `body` gets the whole line and the frame of its
  /// first piece; a piece that completes nothing returns false (it joined a line still open).
  @discardableResult
  public mutating func add<R>(
    _ piece: [UInt8], frame: WrapperFrame, _ body: (LineBytes, WrapperFrame) -> R
  ) -> R? {
    let stream = frame.stream
    if pending[stream] == nil {
      guard frame.partial else {
        guard piece.count > limit else { return piece.withUnsafeBufferPointer { body($0, frame) } }
        truncated += 1
        return piece.withUnsafeBufferPointer { body(LineBytes(rebasing: $0.prefix(limit)), frame) }
      }
      pending[stream] = []
      firstFrame[stream] = frame
    }
    var buffer = pending.removeValue(forKey: stream) ?? []
    let room = limit - buffer.count
    if piece.count > room {
      buffer.append(contentsOf: piece.prefix(max(0, room)))
      if !cutStreams.contains(stream) {
        cutStreams.insert(stream)
        truncated += 1
      }
    } else {
      buffer.append(contentsOf: piece)
    }
    guard !frame.partial else {
      pending[stream] = buffer
      return nil
    }
    cutStreams.remove(stream)
    let first = firstFrame.removeValue(forKey: stream) ?? frame
    return buffer.withUnsafeBufferPointer { body($0, first) }
  }

  /// Hands over every line still being joined (end of input, a quiet period), as it stands.
  public mutating func drain(_ body: (LineBytes, WrapperFrame) -> Void) {
    for stream in pending.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
      guard let buffer = pending.removeValue(forKey: stream) else { continue }
      let frame = firstFrame.removeValue(forKey: stream) ?? WrapperFrame(time: nil)
      buffer.withUnsafeBufferPointer { body($0, frame) }
    }
    cutStreams.removeAll()
  }
}
