import Glibc

/// The last few exception values a JSON reader turned into `ExceptionInfo`, by their bytes as
/// written: an app that fails fails the same way again and again (one traceback per failed
/// request in a storm), and assembling a traceback costs as much as reading a hundred plain lines.
/// The same escaped bytes always decode to the same text, so a hit is the very value assembling
/// would give (`ExceptionInfo` is immutable and shared).
struct RepeatedTracebacks {
  static let capacity = 4
  /// Values longer than this are assembled each time (comparing them would cost more than it saves
  /// only for a rare giant, and they are not kept).
  static let maxBytes = 16 << 10

  private var keys: [[UInt8]] = []
  private var values: [ExceptionInfo?] = []
  /// The slot the next miss replaces, round robin.
  private var next = 0

  /// The exception of `bytes` (the raw span of the value), from the cache or from `make`.
  mutating func exception(_ bytes: LineBytes, make: () -> ExceptionInfo?) -> ExceptionInfo? {
    guard bytes.count > 0, bytes.count <= Self.maxBytes else { return make() }
    for k in keys.indices where keys[k].count == bytes.count {
      let same = keys[k].withUnsafeBufferPointer { key in
        memcmp(key.baseAddress!, bytes.baseAddress!, bytes.count) == 0
      }
      if same { return values[k] }
    }
    let made = make()
    if keys.count < Self.capacity {
      keys.append(Array(bytes))
      values.append(made)
    } else {
      keys[next] = Array(bytes)
      values[next] = made
      next = (next + 1) % Self.capacity
    }
    return made
  }
}
