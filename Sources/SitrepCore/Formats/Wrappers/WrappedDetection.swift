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
    let inner = wrapper.unwrap(sample: sample)
    if let detection = FormatCatalog.detect(sample: inner) { return (wrapper, detection) }
    guard wrapper.carriesSeverity, !inner.isEmpty else { return (wrapper, nil) }
    return (
      wrapper,
      Detection(format: WrappedMessageDecoder.messageFormatID, role: .app, confidence: 0.5)
    )
  }
}
