/// Format detection through a wrapper, in the order the pipeline needs it: find the wrapper on
/// the sample, unwrap the sample, detect the inner format on the inner lines, and wrap the chosen
/// decoder.
public enum WrappedDetection {
  /// The wrapper (if the sample is wrapped) and the format of the lines inside it (or of the
  /// sample itself when it is not wrapped). For journal exports whose messages fit no format the
  /// detection is the plain `message` format (`WrappedMessageDecoder`).
  public static func detect(sample: [String], wrapper forced: LineWrapper? = nil)
    -> (wrapper: LineWrapper?, detection: Detection?)
  {
    guard let wrapper = forced ?? LineWrapper.detect(sample: sample) else {
      return (nil, FormatCatalog.detect(sample: sample))
    }
    if wrapper.separatesStreams, let split = byStream(sample, wrapper) { return (wrapper, split) }
    let inner = wrapper.unwrap(sample: sample)
    if let detection = FormatCatalog.detect(sample: inner) { return (wrapper, detection) }
    guard wrapper.carriesSeverity, !inner.isEmpty else { return (wrapper, nil) }
    return (
      wrapper,
      Detection(format: WrappedMessageDecoder.messageFormatID, role: .app, confidence: 0.5)
    )
  }

  /// A container whose two streams hold lines of two formats (uvicorn's access lines on stdout,
  /// the app's own records on stderr): each stream detected on its own lines. `nil` when the
  /// sample has one stream only, or one format reads both, or a stream reads as nothing.
  static func byStream(_ sample: [String], _ wrapper: LineWrapper) -> Detection? {
    let out = wrapper.unwrap(sample: sample, stream: .stdout)
    let err = wrapper.unwrap(sample: sample, stream: .stderr)
    guard !out.isEmpty, !err.isEmpty, var onOut = FormatCatalog.detect(sample: out),
      let onErr = FormatCatalog.detect(sample: err), onErr.format != onOut.format
    else { return nil }
    // The source is an access log when either stream carries requests.
    if onErr.role == .access { onOut.role = .access }
    onOut.stderrFormat = onErr.format
    let lines = Double(out.count + err.count)
    onOut.confidence =
      (onOut.confidence * Double(out.count) + onErr.confidence * Double(err.count)) / lines
    return onOut
  }
}
