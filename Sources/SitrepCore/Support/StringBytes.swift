extension String {
  /// Runs `body` over the string's UTF-8 bytes without copying when it is native.
  func withLineBytes<R>(_ body: (LineBytes) -> R) -> R {
    var copy = self
    return copy.withUTF8(body)
  }
}
