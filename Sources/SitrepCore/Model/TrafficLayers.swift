/// Finds services that are the same requests logged at two layers: nginx in front of gunicorn both
/// writing access logs gives two services with the same numbers, and adding them counts every
/// request twice.
///
/// Two services are layers of one when, over the last half hour, their request counts match slot
/// by slot (10 s slots): totals within 3 %, and nine slots in ten within 10 % (or 2 requests) of
/// each other and within the noise two independent streams would show (`tolerance`), over at
/// least 12 busy slots and 200 requests each. Independent services with similar traffic do not
/// match that closely: two Poisson streams of 25 requests a slot differ by about 7 a slot. The front is the layer with the higher median latency (a proxy's time includes
/// its upstream's); the other is shown as its app layer and counted no more.
public enum TrafficLayers {
  public static let lookBackSeconds = 30.0 * 60
  static let minimumBusySlots = 12
  static let minimumRequests = 200

  /// App layer's service name → its front's.
  public static func pairs(_ trackers: [ServiceTracker], now: EpochSeconds) -> [String: String] {
    let candidates = trackers.filter { $0.totalRequests >= minimumRequests }
    guard candidates.count >= 2 else { return [:] }
    let from = now - lookBackSeconds
    let series = candidates.map { t -> [Int64: Int] in
      var counts: [Int64: Int] = [:]
      t.ring.forEach(from: from, to: now, includeCurrent: true) { slot, b in
        counts[slot] = b.requests
      }
      return counts
    }
    var layerOf: [String: String] = [:]
    for i in candidates.indices {
      for j in candidates.indices where j > i {
        let a = candidates[i]
        let b = candidates[j]
        guard layerOf[a.name] == nil, layerOf[b.name] == nil, mirror(series[i], series[j]) else {
          continue
        }
        let aMedian = a.bucket(from: from, to: now).latency.valueMs(atPercentile: 50) ?? 0
        let bMedian = b.bucket(from: from, to: now).latency.valueMs(atPercentile: 50) ?? 0
        // Ties (no durations on either side) by name, so the answer never depends on order.
        let aFront = aMedian != bMedian ? aMedian > bMedian : a.name < b.name
        if aFront { layerOf[b.name] = a.name } else { layerOf[a.name] = b.name }
      }
    }
    return layerOf
  }

  static func mirror(_ a: [Int64: Int], _ b: [Int64: Int]) -> Bool {
    let slots = Set(a.keys).union(b.keys).filter { (a[$0] ?? 0) + (b[$0] ?? 0) > 0 }
    guard slots.count >= minimumBusySlots else { return false }
    let totalA = a.values.reduce(0, +)
    let totalB = b.values.reduce(0, +)
    guard totalA >= minimumRequests, totalB >= minimumRequests else { return false }
    guard abs(totalA - totalB) * 100 <= Swift.max(totalA, totalB) * 3 else { return false }
    var close = 0
    for slot in slots {
      let x = a[slot] ?? 0
      let y = b[slot] ?? 0
      if abs(x - y) <= tolerance(x, y) { close += 1 }
    }
    return close * 10 >= slots.count * 9
  }

  /// How far apart two layers' counts of one slot may be: 10 % (or 2 requests), but never more
  /// than one standard deviation of the difference of two independent Poisson streams,
  /// sqrt(x + y). Busy independent services would otherwise pass: at 800 requests a second two
  /// streams of 8,000 a slot differ by about 130, under 2 %. Two layers of the same requests
  /// differ only by the few requests whose stamps straddle a slot boundary.
  static func tolerance(_ x: Int, _ y: Int) -> Int {
    let poisson = Int(Double(x + y).squareRoot())
    return Swift.max(2, Swift.min(Swift.max(x, y) / 10, poisson))
  }
}
