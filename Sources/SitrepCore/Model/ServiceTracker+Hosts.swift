/// A service's requests host by host: a row per host that sent any, filled next to the service's
/// own ring, so each host's figures over a window add up to the service's.
extension ServiceTracker {
  /// The position of `host`'s row, made on first sight. Hosts are few (a fleet's web tier), so a
  /// linear search; a sink asks once per attach, not per request.
  mutating func hostSlot(for host: String) -> Int {
    if let i = hostNames.firstIndex(of: host) { return i }
    hostNames.append(host)
    hostRings.append(Self.makeRouteRing())
    hostLastRequestAt.append(nil)
    return hostNames.count - 1
  }

  @inline(never)
  mutating func recordOnHost(
    _ host: Int, time: EpochSeconds, status: Int, latency: RequestBucket.Latency
  ) {
    hostRings[host].update(at: time) { $0.record(status: status, latency: latency) }
    if let last = hostLastRequestAt[host], last >= time { return }
    hostLastRequestAt[host] = time
  }

  /// Folds in another tracker's host rows (a parallel lane's), by name.
  mutating func absorbHosts(_ other: ServiceTracker) {
    for (i, name) in other.hostNames.enumerated() {
      let mine = hostSlot(for: name)
      hostRings[mine].absorb(other.hostRings[i]) { $0.add($1) }
      if let t = other.hostLastRequestAt[i], hostLastRequestAt[mine].map({ t > $0 }) ?? true {
        hostLastRequestAt[mine] = t
      }
    }
  }

  /// Each host's stats over the window ending `now`, from the same start as `stats(window:now:)`
  /// and `routeStats`: host rows add up to the service row.
  public func hostStats(window: Double, now: EpochSeconds) -> [(
    host: String, stats: RequestStats, lastRequestAt: EpochSeconds?
  )] {
    let from = Self.windowStart(window: window, now: now)
    return hostNames.indices.map {
      (
        hostNames[$0], Self.sum(hostRings[$0], from: from, to: now, includeCurrent: true),
        hostLastRequestAt[$0]
      )
    }
  }
}
