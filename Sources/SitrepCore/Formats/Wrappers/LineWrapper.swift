/// The wrappers a log line can arrive in: a container runtime's or the journal's framing around
/// the line the program wrote. Unwrapping comes before format detection: the inner lines are
/// what the formats read.
public enum LineWrapper: String, Sendable, CaseIterable {
  case dockerJSON = "docker-json"
  case cri
  case journalJSON = "journal-json"
  case journalShortISO = "journal-short-iso"
  /// Never detected: set by the `docker:NAME` source (`DockerTimestampsFrame`).
  case dockerTimestamps = "docker-timestamps"

  /// The wrappers detection looks for; `docker-timestamps` is only ever set by its source.
  public static let detectable = allCases.filter { $0 != .dockerTimestamps }

  /// A fresh reader of this wrapper's lines.
  public func makeReader() -> any FrameReader {
    switch self {
    case .dockerJSON: DockerJSONFrame()
    case .cri: CRIFrame()
    case .journalJSON: JournalJSONFrame()
    case .journalShortISO: JournalShortISOFrame()
    case .dockerTimestamps: DockerTimestampsFrame()
    }
  }

  /// The wrapper whose frames make up most (more than half) of the sample's non-blank lines;
  /// `nil` for a file written straight by its program.
  public static func detect(sample: [[UInt8]]) -> LineWrapper? {
    let lines = sample.prefix(FormatDetector.sampleLines).filter {
      !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
    guard !lines.isEmpty else { return nil }
    var best: (wrapper: LineWrapper, frames: Int)?
    for wrapper in detectable {
      var reader = wrapper.makeReader()
      var content: [UInt8] = []
      var frames = 0
      for line in lines {
        let reading = line.withUnsafeBufferPointer { reader.read($0, content: &content) }
        if reading != .malformed { frames += 1 }
      }
      if frames * 2 > lines.count, frames > best?.frames ?? 0 { best = (wrapper, frames) }
    }
    return best?.wrapper
  }

  public static func detect(sample: [String]) -> LineWrapper? {
    detect(sample: sample.map { Array($0.utf8) })
  }

  /// The sample's inner lines, as the inner format will see them: pieces joined, newlines
  /// stripped, multi-line messages split, wrapper lines that are not frames left out.
  public func unwrap(sample: [[UInt8]]) -> [[UInt8]] {
    var reader = makeReader()
    var joiner = PartialLineJoiner()
    var content: [UInt8] = []
    var out: [[UInt8]] = []
    let take: (LineBytes, WrapperFrame) -> Void = { bytes, _ in
      WrapperLines.forEachLine(in: bytes) { out.append(Array($0)) }
    }
    for line in sample {
      guard
        case .frame(let frame) = line.withUnsafeBufferPointer({
          reader.read($0, content: &content)
        })
      else { continue }
      joiner.add(content, frame: frame, take)
    }
    joiner.drain(take)
    return out
  }

  public func unwrap(sample: [String]) -> [String] {
    unwrap(sample: sample.map { Array($0.utf8) }).map { String(decoding: $0, as: UTF8.self) }
  }

  /// `inner` reading this wrapper's inner lines.
  public func wrap(_ inner: any LineDecoder) -> UnwrappingDecoder {
    UnwrappingDecoder(wrapper: self, inner: inner)
  }

  /// Whether the wrapper records a severity and a name per line, so plain inner lines still make
  /// records (`WrappedMessageDecoder`).
  public var carriesSeverity: Bool { self == .journalJSON || self == .journalShortISO }
}
