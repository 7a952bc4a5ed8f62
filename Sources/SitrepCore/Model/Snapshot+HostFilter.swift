extension Snapshot {
  /// The snapshot as one host sees it (the dashboard's host filter): only the services it serves,
  /// each with that host's numbers (its row of the same breakdown, so the figures are the ones
  /// the service screen lists), its kept 5xx and slow requests, and the error signatures seen on
  /// it. Routes, the sparkline and the verdict stay the service's: they are not kept per host.
  /// `nil`: the snapshot itself.
  public func restricted(toHost host: String?) -> Snapshot {
    guard let host else { return self }
    var s = self
    s.services = services.compactMap { service in
      guard let row = service.hosts.first(where: { $0.name == host }) else { return nil }
      var one = service
      one.stats = row.stats
      one.lastRequestAt = row.lastRequestAt
      one.recentErrors = service.recentErrors.filter { $0.host == host }
      one.slowest = service.slowest.filter { $0.host == host }
      one.appLayer = nil
      return one
    }
    s.errors = errors.filter { $0.hosts.contains(host) }
    return s
  }

  /// Every host any service lists, sorted: what the host filter cycles through.
  public var hostNames: [String] {
    Set(services.flatMap { $0.hosts.map(\.name) }).sorted()
  }
}
