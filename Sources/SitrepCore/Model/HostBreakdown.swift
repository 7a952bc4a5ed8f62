/// Whether a host is giving its lines.
public enum HostState: String, Sendable, Equatable {
  /// At least one of its sources for the service is being read.
  case up
  /// Every one of its sources for the service is failing (waiting for its file, unreadable, a
  /// command that exited): its silence is not "no traffic", it is a host gone missing.
  case unreachable
  /// Config says it serves the service (`hosts`), but no source reads from it.
  case noSource = "no source"

  /// Shown as the host's verdict word.
  public var label: String {
    switch self {
    case .up: "UP"
    case .unreachable: "UNREACHABLE"
    case .noSource: "NO SOURCE"
    }
  }
}

/// One host's share of a service over the window.
public struct HostSnapshot: Sendable, Equatable {
  public var name: String
  public var state: HostState
  /// Its requests: the same window and buckets as the service's, so rows add up to the service.
  public var stats: RequestStats
  public var lastRequestAt: EpochSeconds?
  /// Why it is not answering (its sources' trouble), `nil` when up.
  public var trouble: String?
  /// The host to look at first: an unreachable one, else the highest 5xx share, then p95.
  public var isWorst = false

  public init(
    name: String, state: HostState, stats: RequestStats, lastRequestAt: EpochSeconds? = nil,
    trouble: String? = nil
  ) {
    self.name = name
    self.state = state
    self.stats = stats
    self.lastRequestAt = lastRequestAt
    self.trouble = trouble
  }

  /// One line for the text report and `check`: `web2 (UNREACHABLE: waiting for file)` or
  /// `web2 (12.0% 5xx, p95 340ms)`.
  public var summary: String {
    if state != .up { return "\(name) (\(state.label)\(trouble.map { ": \($0)" } ?? ""))" }
    var parts: [String] = []
    if let rate = stats.errorRate { parts.append("\(Formatting.percent(rate)) 5xx") }
    if let p95 = stats.p95Ms { parts.append("p95 \(Formatting.latency(p95))") }
    if parts.isEmpty { parts.append("no requests") }
    return "\(name) (\(parts.joined(separator: ", ")))"
  }
}

/// A service spread over hosts is one service: its host rows, which hosts are missing, which is
/// the worst, and what that does to the verdict. Pure, from the tracker's host rows, the sources'
/// health and the hosts config expects.
public enum HostBreakdown {
  /// The row of sources that name no host, when others do: this machine.
  public static let localHost = "local"

  public struct HostRow: Sendable {
    public var name: String
    public var stats: RequestStats
    public var lastRequestAt: EpochSeconds?

    public init(name: String, stats: RequestStats, lastRequestAt: EpochSeconds? = nil) {
      self.name = name
      self.stats = stats
      self.lastRequestAt = lastRequestAt
    }
  }

  /// The hosts of `service`: every host with a row, a source or an expectation, sorted by name.
  /// Empty when no source of the service names its host and config expects none.
  public static func hosts(
    service: String, rows: [HostRow], sources: [SourceHealth], expected: [String],
    window: (from: EpochSeconds, to: EpochSeconds)
  ) -> [HostSnapshot] {
    let mine = sources.filter { $0.service == service }
    let named = Set(mine.compactMap(\.host)).union(expected)
    guard !named.isEmpty || rows.contains(where: { $0.name != localHost }) else { return [] }
    var names = named.union(rows.map(\.name))
    // Sources without a host read this machine: a row of their own when they feed this service.
    if mine.contains(where: { $0.host == nil && $0.role == .access }) { names.insert(localHost) }
    let empty = RequestStats(bucket: RequestBucket(), from: window.from, to: window.to)
    var result = names.sorted().map { name -> HostSnapshot in
      let row = rows.first { $0.name == name }
      let its = mine.filter { ($0.host ?? localHost) == name }
      var host = HostSnapshot(
        name: name, state: .up, stats: row?.stats ?? empty, lastRequestAt: row?.lastRequestAt)
      if its.isEmpty {
        // Requests came (from a source since gone from the list) or config expects it.
        if row == nil { host.state = .noSource }
      } else if !its.contains(where: { $0.state.isAnswering }) {
        host.state = .unreachable
        host.trouble = troubleText(its)
      }
      return host
    }
    if let worst = worstIndex(result) { result[worst].isWorst = true }
    return result
  }

  /// What its failing sources say, the first one's words and how many there are.
  static func troubleText(_ sources: [SourceHealth]) -> String {
    let first = sources.first?.trouble ?? sources.first?.state.label ?? "no source"
    return sources.count == 1 ? first : "\(sources.count) sources, \(first)"
  }

  /// The worst host: a missing one first; else, with two or more hosts serving, the one with the
  /// highest 5xx share, then the slowest p95, when it is worse than another (equal hosts have no
  /// worst one).
  static func worstIndex(_ hosts: [HostSnapshot]) -> Int? {
    if let missing = hosts.firstIndex(where: { $0.state != .up }) { return missing }
    let serving = hosts.indices.filter { hosts[$0].stats.requests > 0 }
    guard serving.count >= 2 else { return nil }
    let key = { (i: Int) in (hosts[i].stats.errorRate ?? 0, hosts[i].stats.p95Ms ?? 0) }
    let worst = serving.max { key($0) < key($1) }!
    let best = serving.min { key($0) < key($1) }!
    return key(best) < key(worst) ? worst : nil
  }

  /// A service missing a host is not UP: DEGRADED, naming the host; DOWN when no host of it
  /// answers. A verdict already worse keeps its level, with the missing host named first.
  public static func verdict(_ verdict: VerdictWithReason, hosts: [HostSnapshot])
    -> VerdictWithReason
  {
    let missing = hosts.filter { $0.state != .up }
    guard !missing.isEmpty else { return verdict }
    let names = missing.map(\.name).joined(separator: ", ")
    let word = missing.count == 1 ? "host" : "hosts"
    if missing.count == hosts.count {
      return VerdictWithReason(.down, "every host unreachable (\(names))")
    }
    let reason = "missing \(word) \(names) (\(missing[0].state.label.lowercased()))"
    if verdict.verdict == .up || verdict.verdict == .unknown || verdict.verdict == .slow {
      return VerdictWithReason(
        .degraded, verdict.verdict == .slow ? reason + "; " + verdict.reason : reason)
    }
    return VerdictWithReason(verdict.verdict, reason + "; " + verdict.reason)
  }
}

extension ServiceSnapshot {
  /// The verdict's reason, with the worst host named when the service is not UP and a host
  /// stands out (`report`, `check`): where to look first. A missing host is already in it.
  public var reasonWithWorstHost: String {
    guard verdict.verdict != .up, let worst = worstHost, worst.state == .up else {
      return verdict.reason
    }
    return verdict.reason + "; worst host " + worst.summary
  }
}
