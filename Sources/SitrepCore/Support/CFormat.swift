import Glibc

extension String {
  /// printf-style formatting through the C library, in the C locale's number format.
  ///
  /// Foundation's `String(cFormat:)` lives in full Foundation, which drags ICU (34 MB of data) into a
  /// statically linked binary; the C library's `vsnprintf` prints the same digits for the
  /// conversions used here (`%.1f`, `%02d`, `%.3g`, ...). The process keeps LC_NUMERIC at "C"
  /// (the terminal sets only LC_CTYPE), so the decimal point is always a dot.
  public init(cFormat format: String, _ arguments: CVarArg...) {
    var capacity = 64
    while true {
      var buffer = [CChar](repeating: 0, count: capacity)
      let needed = withVaList(arguments) { list in
        buffer.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, capacity, format, list) }
      }
      if needed < 0 {
        self = ""
        return
      }
      if Int(needed) < capacity {
        self = buffer.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return
      }
      capacity = Int(needed) + 1
    }
  }
}
