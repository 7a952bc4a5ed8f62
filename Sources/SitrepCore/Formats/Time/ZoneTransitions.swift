import Glibc

/// A zone's offset from UTC over time: the moments it changes and the offset after each, so a
/// July line read in November still gets July's offset.
public struct ZoneTransitions: Sendable, Equatable {
  /// UTC seconds at which `offsets[i + 1]` starts, ascending.
  var moments: [Int]
  /// Seconds east of UTC; one more than `moments` (the first applies before any change).
  var offsets: [Int]
  /// Moments before this, or at or after `knownUntil`, are beyond what the table knows.
  var knownFrom: Int
  var knownUntil: Int

  init(moments: [Int], offsets: [Int], knownFrom: Int = .min, knownUntil: Int = .max) {
    precondition(offsets.count == moments.count + 1)
    self.moments = moments
    self.offsets = offsets
    self.knownFrom = knownFrom
    self.knownUntil = knownUntil
  }

  /// The offset in force at `utc`.
  func offset(atUTC utc: Int) -> Int {
    var low = 0
    var high = moments.count
    while low < high {
      let middle = (low + high) / 2
      if moments[middle] <= utc { low = middle + 1 } else { high = middle }
    }
    return offsets[low]
  }

  /// The host zone as the C library sees it (TZ, else /etc/localtime), sampled once a day over the
  /// three years before now and the year after, each change found to the second; moments outside
  /// ask the C library directly. Built once: asking `localtime_r` twice for every line of a big
  /// log would cost more than reading it, and sampling 1990 to 2038 cost 4 ms of every start.
  static let host: ZoneTransitions = {
    let now = Int(time(nil))
    return sampleHost(from: now - 3 * 366 * 86_400, to: now + 366 * 86_400)
  }()

  static func sampleHost(from start: Int, to end: Int) -> ZoneTransitions {
    var moments: [Int] = []
    var offsets = [hostOffset(atUTC: start)]
    var previous = start
    var t = start + 86_400
    while t < end {
      let offset = hostOffset(atUTC: t)
      if offset != offsets[offsets.count - 1] {
        // The change lies in (previous, t]: halve the day until the second is found.
        var low = previous
        var high = t
        while high - low > 1 {
          let middle = (low + high) / 2
          if hostOffset(atUTC: middle) == offset { high = middle } else { low = middle }
        }
        moments.append(high)
        offsets.append(offset)
      }
      previous = t
      t += 86_400
    }
    return ZoneTransitions(moments: moments, offsets: offsets, knownFrom: start, knownUntil: end)
  }

  /// One question to the C library, for moments outside the sampled years.
  static func hostOffset(atUTC utc: Int) -> Int {
    var moment = time_t(utc)
    var fields = tm()
    guard localtime_r(&moment, &fields) != nil else { return 0 }
    return fields.tm_gmtoff
  }
}
