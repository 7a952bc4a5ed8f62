/// The one way a source's format is detected from its first lines, for the pipeline (live and
/// headless) and for `sitrep init`: the same sample size, the same sanitising, the same catalog.
public enum FormatDetector {
  /// Lines looked at. The pipeline decides once it holds this many (or the file goes quiet or
  /// ends); `init` reads as many from the start of the file.
  public static let sampleLines = 50
  /// Lines held while nothing understands them, before they are counted malformed for good.
  public static let maxHeldLines = 200

  /// The format of a sample of raw lines (sanitised first: log content is untrusted). Lines
  /// framed by a container or journal wrapper are unwrapped first and the format is that of the
  /// lines inside, with the wrapper named in the detection.
  public static func detect(lines: some Sequence<[UInt8]>, wrapper: LineWrapper? = nil)
    -> Detection?
  {
    let text = lines.prefix(sampleLines).map { line in
      line.withUnsafeBufferPointer { TextSanitizer.display($0) }
    }
    let (wrapper, found) = WrappedDetection.detect(sample: text, wrapper: wrapper)
    guard var detection = found else { return nil }
    detection.wrapper = wrapper
    return detection
  }

  /// The decoder for a detection: the format's own, inside its wrapper's when the lines are
  /// framed.
  public static func makeDecoder(
    _ detection: Detection, _ descriptor: FormatDescriptor, options: DecoderOptions,
    requests: RequestSink
  ) -> any LineDecoder {
    let inner = descriptor.makeDecoder(options, requests)
    return detection.wrapper.map { $0.wrap(inner) } ?? inner
  }

  /// The format of the file at `path`, from its first lines, without following it. Nil when it
  /// cannot be read or nothing understands it.
  public static func detect(path: String) -> Detection? {
    // Not FileHandle: opening a FIFO with no writer would block for ever.
    guard case .bytes(let data) = FilePrefix.read(path: path, maxBytes: 64 * 1024) else {
      return nil
    }
    let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
    return detect(lines: lines.lazy.map { Array($0) })
  }
}
