/// The record a decoder holds back until it knows whether traceback lines follow it.
///
/// Decoders call `hold` for each record header they read (which releases the previous one),
/// `continuation` for lines that are not headers, and `release` from `flush`.
public struct RecordHold {
  /// What is waiting for its traceback.
  public enum Held: Sendable {
    case log(LogRecord)
    case job(JobEvent)
    /// A line of the format that yields nothing (a banner, an info line) but may still be
    /// followed by a traceback, whose lines are then counted as ignored too.
    case silent
  }

  public enum Continuation { case parsed, ignored }

  /// What is held; `.silent` when nothing is (`holding` tells the two apart). Not an optional:
  /// writing a record over an empty `Held?` destroyed the empty value through the runtime's
  /// generic optional witness, 64 instructions a JSON line (measured, callgrind); a plain `Held`
  /// is swapped in and out, nothing copied or destroyed.
  private var held = Held.silent
  private var holding = false
  private var assembler = TracebackAssembler()

  public init() {}

  public var isHolding: Bool { holding }

  /// Whether the held record is an error (an error-level log record, a failed job): its
  /// traceback lines are shown as error lines too.
  public var holdsError: Bool {
    guard holding else { return false }
    return switch held {
    case .log(let record): record.level >= .error
    case .job(let job): job.phase == .failed
    case .silent: false
    }
  }

  /// The mark of a header line that holds `next`.
  public static func mark(of next: Held) -> LineMark {
    switch next {
    case .log(let record): LineMark(isError: record.level >= .error)
    case .job(let job): LineMark(isError: job.phase == .failed)
    case .silent: .plain
    }
  }

  /// Releases what was held and holds `next`.
  public mutating func hold(_ next: consuming Held, releasingInto events: inout [Event]) {
    var next = next
    hold(taking: &next, releasingInto: &events)
  }

  /// Releases what was held and holds `next`, leaving `.silent` in its place (swapped, so the
  /// caller's outcome is ready for its next line with nothing copied or destroyed).
  public mutating func hold(taking next: inout Held, releasingInto events: inout [Event]) {
    release(into: &events)
    // Released, `held` is `.silent`.
    swap(&held, &next)
    holding = true
  }

  /// Emits the held record with its traceback (if any) joined in.
  public mutating func release(into events: inout [Event]) {
    guard holding else { return }
    holding = false
    // Taken, not copied: a record is a large value, and copying it was a tenth of a JSON line.
    var current = Held.silent
    swap(&current, &held)
    // Asked here first: most records have no traceback, and the call to `finish` only to hear
    // that was 21 instructions a JSON line (measured, callgrind).
    let exception = assembler.isActive ? assembler.finish() : nil
    // Consumed: binding the payload of a borrowed value copied the whole record again.
    switch consume current {
    case .log(let record):
      if let exception {
        var joined = record
        joined.exception = exception
        events.append(.log(joined))
      } else {
        events.append(.log(record))
      }
    case .job(var job):
      if let exception { job.exception = exception }
      events.append(.job(job))
    case .silent:
      break
    }
  }

  /// The mark of a non-header line that `continuation` answered for.
  public func mark(ofContinuation answer: Continuation?) -> LineMark {
    switch answer {
    case .parsed: LineMark(isError: holdsError, continuesRecord: true)
    case .ignored: LineMark(continuesRecord: true)
    case nil: .plain
    }
  }

  /// Offers a non-header line; `nil` when it is neither part of a traceback of the held record
  /// nor a further line of its message.
  public mutating func continuation(_ line: String) -> Continuation? {
    guard holding else { return nil }
    let current = held
    if assembler.accept(line) {
      if case .silent = current { return .ignored }
      return .parsed
    }
    // `logging` writes a message's later lines as they are; services indent them. Only an
    // indented line right after a record (no traceback begun) joins its message, up to a bound.
    guard case .log(var record) = current, !assembler.isActive,
      let first = line.utf8.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t")
    else { return nil }
    let text = line.drop { $0 == " " || $0 == "\t" }
    guard !text.isEmpty else { return nil }
    if record.message.utf8.count < Self.maxMessageBytes { record.message += " " + text }
    held = .log(record)
    return .parsed
  }

  /// A message grown from continuation lines stops growing here (the lines still count).
  static let maxMessageBytes = 4096
}
