import Testing

@testable import SitrepCore

/// Issue 18: a service spread over hosts is one service, with a row per host that adds up to it,
/// the worst host marked, and a host whose sources all fail shown as missing, never as quiet.
@Suite struct HostBreakdownTests {
  static let t0: EpochSeconds = 1_795_000_000

  static func request(_ t: EpochSeconds, status: Int = 200, ms: Double = 20) -> Request {
    Request(time: t, method: "GET", path: "/a", route: "/a", status: status, durationMs: ms)
  }

  static func source(_ path: String, host: String?, state: SourceState = .following)
    -> SourceHealth
  {
    var h = SourceHealth(path: path, role: .access, service: "api", state: state)
    h.host = host
    return h
  }

  /// web1 serves 300 requests (2 of them 5xx), web2 120 (30 of them 5xx, slower); this machine
  /// 50 more. Fed in the order lines come, through the sinks decoders use.
  static func fedMonitor() -> Monitor {
    let monitor = Monitor()
    monitor.hostsInUse = true
    let web1 = monitor.requestSink(service: "api", host: "web1")
    let web2 = monitor.requestSink(service: "api", host: "web2")
    let local = monitor.requestSink(service: "api")
    for i in 0..<300 {
      web1.record(request(t0 + Double(i) * 0.5, status: i < 2 ? 502 : 200), routeAsWritten: true)
    }
    for i in 0..<120 {
      web2.record(
        request(t0 + Double(i), status: i % 4 == 0 ? 500 : 200, ms: 400), routeAsWritten: true)
    }
    for i in 0..<50 { local.record(request(t0 + Double(i) * 3), routeAsWritten: true) }
    return monitor
  }

  static let following = [
    source("/l/web1.log", host: "web1"), source("/l/web2.log", host: "web2"),
    source("/l/local.log", host: nil),
  ]

  @Test func hostRowsAddUpToTheService() throws {
    let snap = Self.fedMonitor().snapshot(
      now: Self.t0 + 200, window: .fiveMinutes, sources: Self.following)
    let api = try #require(snap.services.first)
    #expect(api.hosts.map(\.name) == ["local", "web1", "web2"])
    #expect(api.hosts.map(\.stats.requests) == [50, 300, 120])
    #expect(api.hosts.map(\.stats.requests).reduce(0, +) == api.stats.requests)
    #expect(api.hosts.map(\.stats.errors).reduce(0, +) == api.stats.errors)
    for i in 0..<6 {
      #expect(
        api.hosts.map { $0.stats.statusClasses[i] }.reduce(0, +) == api.stats.statusClasses[i])
    }
    #expect(api.hosts.map(\.stats.latencySamples).reduce(0, +) == api.stats.latencySamples)
    #expect(api.hosts.allSatisfy { $0.state == .up })
  }

  /// The same sums over every window, including one that starts mid-data.
  @Test(arguments: TimeWindow.allCases)
  func hostRowsAddUpInEveryWindow(_ window: TimeWindow) throws {
    let snap = Self.fedMonitor().snapshot(
      now: Self.t0 + 150, window: window, sources: Self.following)
    let api = try #require(snap.services.first)
    #expect(api.hosts.map(\.stats.requests).reduce(0, +) == api.stats.requests)
    #expect(api.hosts.map(\.stats.errors).reduce(0, +) == api.stats.errors)
  }

  @Test func theWorstHostIsTheOneWithMostFailures() throws {
    let snap = Self.fedMonitor().snapshot(
      now: Self.t0 + 200, window: .fiveMinutes, sources: Self.following)
    let api = try #require(snap.services.first)
    #expect(api.worstHost?.name == "web2")
    #expect(api.hosts.filter(\.isWorst).count == 1)
    #expect(api.worstHost?.summary.hasPrefix("web2 (25% 5xx, p95 ") == true)
  }

  /// `report` and `check` name the worst host of a service that is not UP; an UP one is left alone.
  @Test func theReasonNamesTheWorstHostWhenNotUp() throws {
    let snap = Self.fedMonitor().snapshot(
      now: Self.t0 + 200, window: .fiveMinutes, sources: Self.following)
    let api = try #require(snap.services.first)
    #expect(api.verdict.verdict == .degraded)
    #expect(api.reasonWithWorstHost.hasPrefix(api.verdict.reason + "; worst host web2 (25% 5xx"))
    var checked = snap
    checked.sources = checked.sources.map { source in
      var s = source
      s.lines = 10
      s.detection = Detection(format: "nginx-combined", role: .access, confidence: 1)
      return s
    }
    let check = CheckEvaluator.evaluate(checked, failOn: Set(CheckEvaluator.Condition.allCases))
    #expect(check.line.contains("worst host web2 (25% 5xx"), "\(check.line)")
    var up = api
    up.verdict = VerdictWithReason(.up, "fine")
    #expect(up.reasonWithWorstHost == "fine")
  }

  /// Equal hosts have no worst one: nothing to single out.
  @Test func equalHostsHaveNoWorst() {
    let stats = RequestStats(bucket: RequestBucket(), from: 0, to: 60)
    var a = stats
    a.requests = 10
    a.statusClasses = [0, 0, 10, 0, 0, 0]
    let hosts = [
      HostSnapshot(name: "web1", state: .up, stats: a),
      HostSnapshot(name: "web2", state: .up, stats: a),
    ]
    #expect(HostBreakdown.worstIndex(hosts) == nil)
  }

  /// web2's file is gone (the mount dropped, the command exited): web2 is UNREACHABLE, not a host
  /// with no traffic, and the service, healthy on web1, is DEGRADED for missing it.
  @Test func aHostWhoseSourcesAllFailIsUnreachableAndTheServiceMissesIt() throws {
    let monitor = Monitor()
    monitor.hostsInUse = true
    let web1 = monitor.requestSink(service: "api", host: "web1")
    for i in 0..<300 { web1.record(Self.request(Self.t0 + Double(i) * 0.5), routeAsWritten: true) }
    let sources = [
      Self.source("/l/web1.log", host: "web1"),
      Self.source("/l/web2.log", host: "web2", state: .waiting),
      Self.source("/l/web2-app.log", host: "web2", state: .unreadable("permission denied")),
    ]
    let snap = monitor.snapshot(now: Self.t0 + 200, window: .fiveMinutes, sources: sources)
    let api = try #require(snap.services.first)
    let web2 = try #require(api.hosts.first { $0.name == "web2" })
    #expect(web2.state == .unreachable)
    #expect(web2.trouble == "2 sources, waiting for file")
    #expect(web2.isWorst)
    #expect(api.verdict.verdict == .degraded)
    #expect(api.verdict.reason == "missing host web2 (unreachable)")
  }

  /// One answering source is enough: a host is up while any of its sources is read.
  @Test func oneAnsweringSourceKeepsAHostUp() throws {
    let monitor = Self.fedMonitor()
    var sources = Self.following
    sources.append(Self.source("/l/web2-old.log", host: "web2", state: .waiting))
    let snap = monitor.snapshot(now: Self.t0 + 200, window: .fiveMinutes, sources: sources)
    let api = try #require(snap.services.first)
    #expect(api.hosts.first { $0.name == "web2" }?.state == .up)
  }

  /// Every host gone: DOWN, whatever the numbers from before said.
  @Test func everyHostUnreachableIsDown() throws {
    let monitor = Self.fedMonitor()
    let sources = [
      Self.source("/l/web1.log", host: "web1", state: .waiting),
      Self.source("/l/web2.log", host: "web2", state: .waiting),
      Self.source("/l/local.log", host: nil, state: .unreadable("permission denied")),
    ]
    let snap = monitor.snapshot(now: Self.t0 + 200, window: .fiveMinutes, sources: sources)
    let api = try #require(snap.services.first)
    #expect(api.verdict.verdict == .down)
    #expect(api.verdict.reason == "every host unreachable (local, web1, web2)")
  }

  /// A host config expects (`hosts`) with no source at all is missing too.
  @Test func anExpectedHostWithoutASourceIsMissing() throws {
    let monitor = Self.fedMonitor()
    monitor.expectedHosts["api"] = ["web1", "web2", "web3"]
    let snap = monitor.snapshot(
      now: Self.t0 + 200, window: .fiveMinutes, sources: Self.following)
    let api = try #require(snap.services.first)
    #expect(api.hosts.first { $0.name == "web3" }?.state == .noSource)
    #expect(api.verdict.verdict == .degraded)
    #expect(api.verdict.reason.hasPrefix("missing host web3 (no source)"))
  }

  /// Without any source naming a host there is no breakdown, and no host row is filled.
  @Test func noHostsNoBreakdown() throws {
    let monitor = Monitor()
    let sink = monitor.requestSink(service: "api")
    for i in 0..<10 { sink.record(Self.request(Self.t0 + Double(i)), routeAsWritten: true) }
    let snap = monitor.snapshot(
      now: Self.t0 + 20, window: .fiveMinutes,
      sources: [Self.source("/l/a.log", host: nil)])
    #expect(snap.services.first?.hosts == [])
    #expect(monitor.trackers.first?.hostNames == [])
  }

  /// Kept requests, job runs and error signatures say which host they came from.
  @Test func eventsCarryTheirHost() throws {
    let monitor = Self.fedMonitor()
    let snap = monitor.snapshot(
      now: Self.t0 + 200, window: .fiveMinutes, sources: Self.following)
    let api = try #require(snap.services.first)
    #expect(Set(api.recentErrors.compactMap(\.host)) == ["web1", "web2"])
    let boom = LogRecord(time: Self.t0 + 10, level: .error, message: "boom")
    monitor.ingest(.log(boom), service: "api", host: "web2")
    monitor.ingest(.log(boom), service: "api", host: "web1")
    monitor.ingest(.log(boom), service: "api", host: "web2")
    #expect(monitor.signatures.byKey.values.first?.hosts == ["web1", "web2"])
    monitor.ingest(
      .job(JobEvent(time: Self.t0, name: "sync", phase: .started)), service: nil, host: "w1")
    monitor.ingest(
      .job(JobEvent(time: Self.t0 + 1, name: "sync", phase: .started)), service: nil, host: "w2")
    monitor.ingest(
      .job(JobEvent(time: Self.t0 + 5, name: "sync", phase: .succeeded)), service: nil, host: "w1")
    let runs = try #require(monitor.jobs["sync"]?.runs)
    // w1's end closes w1's run, not w2's, though neither has an id.
    #expect(runs.map(\.host) == ["w2", "w1"])
    #expect(runs.map(\.outcome) == [.running, .success])
  }

  /// A parallel headless read (lanes over shards) gives the same host rows as a read on one thread.
  @Test func shardsMergeHostRows() throws {
    let monitor = Monitor()
    monitor.hostsInUse = true
    let shard = monitor.shard()
    let a = monitor.requestSink(service: "api", host: "web1")
    let b = shard.requestSink(service: "api", host: "web1")
    let c = shard.requestSink(service: "api", host: "web2")
    for i in 0..<10 {
      a.record(Self.request(Self.t0 + Double(i)), routeAsWritten: true)
      b.record(Self.request(Self.t0 + Double(i) + 0.5), routeAsWritten: true)
      c.record(Self.request(Self.t0 + Double(i), status: 503), routeAsWritten: true)
    }
    monitor.absorbRequests(from: shard)
    let rows = try #require(monitor.trackers.first).hostStats(window: 300, now: Self.t0 + 20)
    #expect(rows.map(\.host) == ["web1", "web2"])
    #expect(rows.map(\.stats.requests) == [20, 10])
    #expect(rows.map(\.stats.errors) == [0, 10])
  }
}
