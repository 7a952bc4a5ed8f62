/// A fixed number of time slots, each `slotSeconds` long, reused as time moves on, so memory stays
/// bounded however long sitrep runs. Events older than the ring are dropped from it (they still count
/// towards totals kept elsewhere).
public struct BucketRing<Value: Sendable>: Sendable {
  public let slotSeconds: Double
  private var slots: [Value?]
  private var slotIndex: [Int64]
  private let make: @Sendable () -> Value
  /// Makes a bucket that is not written any more smaller (see `LatencyHistogram.pack`); nil when
  /// the values have nothing to pack.
  private let seal: (@Sendable (inout Value) -> Void)?
  /// Positions written since they were last sealed, oldest first: at most `openSlots` stay so,
  /// the newest ones, where lines mostly land (a line a little out of order included).
  private var unsealed: [Int] = []
  static var openSlots: Int { 3 }
  /// The slot written last: consecutive log lines mostly land in it, and matching its time range
  /// skips the divisions that find a slot.
  private var lastStart = Double.infinity
  private var lastEnd = -Double.infinity
  private var lastPosition = 0
  /// The newest slot ever written, `Int64.min` before the first: when every slot has aged out.
  public private(set) var newestSlot = Int64.min

  public init(
    slotSeconds: Double, slotCount: Int, make: @escaping @Sendable () -> Value,
    seal: (@Sendable (inout Value) -> Void)? = nil
  ) {
    self.slotSeconds = slotSeconds
    self.slots = Array(repeating: nil, count: slotCount)
    self.slotIndex = Array(repeating: Int64.min, count: slotCount)
    self.make = make
    self.seal = seal
  }

  public var capacitySeconds: Double { slotSeconds * Double(slots.count) }

  /// Whether every slot written so far is older than the ring holds at `now`: nothing left in it.
  public func isEmpty(at now: EpochSeconds) -> Bool {
    newestSlot == Int64.min || Double(newestSlot + 1) * slotSeconds <= now - capacitySeconds
  }

  public func slot(for time: EpochSeconds) -> Int64 {
    Int64(saturating: (time / slotSeconds).rounded(.down))
  }

  /// Updates the bucket for `time`, unless it is older than the ring holds relative to `newest`.
  @inline(__always)
  public mutating func update(at time: EpochSeconds, _ body: (inout Value) -> Void) {
    if time >= lastStart && time < lastEnd {
      body(&slots[lastPosition]!)
      return
    }
    guard time.isFinite, abs(time) < 1e12 else { return }
    let s = slot(for: time)
    let i = Int(((s % Int64(slots.count)) + Int64(slots.count)) % Int64(slots.count))
    if slotIndex[i] != s {
      // A newer slot reuses the position; an older one than what is stored there is too old to keep.
      if slotIndex[i] > s { return }
      slotIndex[i] = s
      slots[i] = make()
      if s > newestSlot { newestSlot = s }
    }
    lastStart = Double(s) * slotSeconds
    lastEnd = Double(s + 1) * slotSeconds
    lastPosition = i
    if seal != nil { noteWritten(i) }
    body(&slots[i]!)
  }

  /// Keeps the `openSlots` positions written last as they are and seals the one written before
  /// them. Lines move to another slot every few seconds at most, so this is off the hot path.
  private mutating func noteWritten(_ position: Int) {
    guard let seal else { return }
    if let at = unsealed.firstIndex(of: position) {
      unsealed.remove(at: at)
    } else if unsealed.count >= Self.openSlots {
      let oldest = unsealed.removeFirst()
      if slots[oldest] != nil { seal(&slots[oldest]!) }
    }
    unsealed.append(position)
  }

  /// The span `forEach` really covers for these bounds: slots start at or after `from`; they end at
  /// or before `to`, or, with `includeCurrent`, the slot holding `to` (still filling) is included.
  public func coveredSpan(from: EpochSeconds, to: EpochSeconds, includeCurrent: Bool)
    -> (from: EpochSeconds, to: EpochSeconds)
  {
    let first = (from / slotSeconds).rounded(.up) * slotSeconds
    let end = includeCurrent ? to : (to / slotSeconds).rounded(.down) * slotSeconds
    return (first, Swift.max(first, end))
  }

  /// Visits the buckets whose slot starts at or after `from` and ends at or before `to`; with
  /// `includeCurrent`, also the slot that holds `to`. Straddling slots are otherwise left out, so
  /// callers can state exact bounds (see `coveredSpan`).
  public func forEach(
    from: EpochSeconds, to: EpochSeconds, includeCurrent: Bool = false,
    _ body: (Int64, Value) -> Void
  ) {
    guard to > from, from.isFinite, to.isFinite, abs(to) < 1e12, abs(from) < 1e12 else { return }
    let first = Int64(saturating: (from / slotSeconds).rounded(.up))
    let last = Int64(saturating: (to / slotSeconds).rounded(.down)) - (includeCurrent ? 0 : 1)
    guard last >= first else { return }
    let n = Int64(slots.count)
    for s in Swift.max(first, last - n + 1)...last {
      let i = Int(((s % n) + n) % n)
      if slotIndex[i] == s, let v = slots[i] { body(s, v) }
    }
  }

  /// Folds in a ring of the same shape filled from other lines of the same stream: each slot keeps
  /// the newer of the two, and equal slots are combined, which is what recording all the lines
  /// into one ring would have given.
  public mutating func absorb(_ other: BucketRing<Value>, _ combine: (inout Value, Value) -> Void) {
    precondition(other.slots.count == slots.count && other.slotSeconds == slotSeconds)
    lastStart = .infinity
    lastEnd = -.infinity
    for i in slots.indices where other.slotIndex[i] != Int64.min {
      guard let theirs = other.slots[i] else { continue }
      if other.slotIndex[i] > slotIndex[i] {
        slotIndex[i] = other.slotIndex[i]
        newestSlot = Swift.max(newestSlot, other.slotIndex[i])
        slots[i] = theirs
      } else if other.slotIndex[i] == slotIndex[i] {
        combine(&slots[i]!, theirs)
      }
    }
    sealAllButNewest()
  }

  /// After a merge every slot may be unsealed: seal all but the newest few.
  private mutating func sealAllButNewest() {
    guard let seal, newestSlot != Int64.min else { return }
    unsealed = []
    let keepFrom = newestSlot - Int64(Self.openSlots) + 1
    var kept: [(Int64, Int)] = []
    for i in slots.indices where slots[i] != nil {
      if slotIndex[i] >= keepFrom {
        kept.append((slotIndex[i], i))
      } else {
        seal(&slots[i]!)
      }
    }
    unsealed = kept.sorted { $0.0 < $1.0 }.map(\.1)
  }
}
