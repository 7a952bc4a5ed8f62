/// After a restart, a tail or the journal sends its backlog again; the lines up to the last one
/// read before the restart were counted already. They are held (bounded) until the backlog ends
/// (a quiet moment, the bound, the command's end), then given from after the last occurrence of
/// that line; when it is not among them (the file rotated meanwhile, the gap was longer than the
/// backlog) all of them are new.
struct CommandResume {
  static let maxHeld = 100_000
  private var lastLine: [UInt8]?
  private var held: [([UInt8], LineFlags)] = []
  private(set) var isCatchingUp = false
  /// Lines skipped as already read, over all restarts.
  private(set) var skipped = 0

  mutating func remember(_ line: LineBytes) {
    if lastLine == nil { lastLine = [] }
    lastLine!.removeAll(keepingCapacity: true)
    lastLine!.append(contentsOf: line)
  }

  mutating func restarting() {
    isCatchingUp = lastLine != nil
    held.removeAll()
  }

  mutating func hold(_ line: LineBytes, _ flags: LineFlags) { held.append((Array(line), flags)) }

  var isFull: Bool { held.count >= Self.maxHeld }

  mutating func release() -> [([UInt8], LineFlags)] {
    isCatchingUp = false
    defer { held = [] }
    guard let lastLine, let seen = held.lastIndex(where: { $0.0 == lastLine }) else { return held }
    skipped += seen + 1
    return Array(held[(seen + 1)...])
  }
}
