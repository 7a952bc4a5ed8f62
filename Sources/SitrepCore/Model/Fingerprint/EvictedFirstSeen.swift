/// When signatures that were evicted had first been seen, so one that comes back after a flood of
/// other errors keeps its original `firstSeen` and does not pass for a new error (a deploy gate
/// would call it a regression).
///
/// Bounded: a key's hash and a time, two words an entry; past `capacity` the longest-remembered
/// entry is forgotten. The hash is the process's `String` hash: nothing here outlives the process.
struct EvictedFirstSeen: Sendable {
  static let capacity = 10_000

  private var firstSeenByHash: [Int: EpochSeconds] = [:]
  /// Hashes in the order they were first remembered, as a ring: `next` is the oldest once full.
  private var order: [Int] = []
  private var next = 0

  var count: Int { firstSeenByHash.count }

  mutating func remember(key: String, firstSeen: EpochSeconds) {
    let hash = key.hashValue
    if let known = firstSeenByHash[hash] {
      firstSeenByHash[hash] = Swift.min(known, firstSeen)
      return
    }
    if order.count < Self.capacity {
      order.append(hash)
    } else {
      firstSeenByHash[order[next]] = nil
      order[next] = hash
      next = (next + 1) % Self.capacity
    }
    firstSeenByHash[hash] = firstSeen
  }

  func firstSeen(key: String) -> EpochSeconds? { firstSeenByHash[key.hashValue] }
}
