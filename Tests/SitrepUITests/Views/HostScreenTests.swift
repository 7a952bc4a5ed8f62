import Testing

@testable import SitrepCore
@testable import SitrepUI

/// Issue 18: the service screen's host breakdown (worst host marked, an unreachable host said so)
/// and the `m` host filter, on a hand-made fleet: api on web1, web2 (failing more) and web3 (gone).
@Suite struct HostScreenTests {
  static let t0: EpochSeconds = 1_795_000_000

  static func fleet() -> Snapshot {
    let monitor = Monitor()
    monitor.hostsInUse = true
    let web1 = monitor.requestSink(service: "api", host: "web1")
    let web2 = monitor.requestSink(service: "api", host: "web2")
    let jobs = monitor.requestSink(service: "worker", host: "web1")
    for i in 0..<240 {
      let t = t0 + Double(i)
      web1.record(
        Request(
          time: t, method: "GET", path: "/orders/\(i)", route: "/orders/:id", status: 200,
          durationMs: 20 + Double(i % 10)))
      web2.record(
        Request(
          time: t, method: "GET", path: "/orders/\(i)", route: "/orders/:id",
          status: i % 5 == 0 ? 502 : 200, durationMs: 90 + Double(i % 7)))
      jobs.record(
        Request(time: t, method: "POST", path: "/run", route: "/run", status: 200, durationMs: 5))
    }
    monitor.ingest(
      .log(LogRecord(time: t0 + 100, level: .error, message: "upstream closed")), service: "api",
      host: "web2")
    monitor.ingest(
      .log(LogRecord(time: t0 + 100, level: .error, message: "disk full")), service: "worker",
      host: "web1")
    let sources = [
      ("web1", "api", SourceState.following), ("web2", "api", .following),
      ("web3", "api", .waiting), ("web1", "worker", .following),
    ].map { host, service, state in
      var h = SourceHealth(
        path: "/mnt/\(host)/\(service).access.log", role: .access, service: service,
        detection: Detection(format: "nginx-combined", role: .access, confidence: 1),
        state: state, lines: state == .following ? 240 : 0)
      h.host = host
      return h
    }
    return monitor.snapshot(now: t0 + 240, window: .fiveMinutes, sources: sources)
  }

  static func serviceScreen(_ w: Int, _ h: Int) -> AppState {
    var s = AppState(
      snapshot: fleet(), window: .fiveMinutes, themeName: "dark", width: w, height: h)
    _ = Update.apply(&s, .key(.enter))
    return s
  }

  @Test func theServiceScreenBreaksItsNumbersDownByHost() {
    let state = Self.serviceScreen(100, 30)
    let canvas = RootView.render(state, ctx: ViewContext(glyphs: .unicode))
    Golden.check(canvas, "hosts-service-100x30")
    let text = canvas.text
    #expect(text.contains("missing host web3 (unreachable)"))
    #expect(text.contains("UNREACHABLE: waiting for file"))
  }

  /// `m` goes to the first host, then the next, then back to all; the header says which.
  @Test func mCyclesTheHostFilter() throws {
    var state = Self.serviceScreen(100, 30)
    let api = try #require(state.snapshot.services.first { $0.name == "api" })
    _ = Update.apply(&state, .key(.char("m")))
    #expect(state.hostFilter == "web1")
    _ = Update.apply(&state, .key(.char("m")))
    #expect(state.hostFilter == "web2")
    let filtered = try #require(state.snapshot.services.first { $0.name == "api" })
    let row = try #require(api.hosts.first { $0.name == "web2" })
    // One number, one answer: the filtered headline is the host's row.
    #expect(filtered.stats == row.stats)
    #expect(filtered.recentErrors.allSatisfy { $0.host == "web2" })
    #expect(!filtered.recentErrors.isEmpty)
    #expect(state.snapshot.errors.map(\.display).allSatisfy { $0.contains("upstream closed") })
    // worker runs on web1 only: not in web2's view.
    #expect(!state.snapshot.services.contains { $0.name == "worker" })
    let canvas = RootView.render(state, ctx: ViewContext(glyphs: .unicode))
    Golden.check(canvas, "hosts-filter-100x30")
    #expect(canvas.text.split(separator: "\n")[0].contains("host web2"))
    _ = Update.apply(&state, .key(.char("m")))
    #expect(state.hostFilter == "web3")
    _ = Update.apply(&state, .key(.char("m")))
    #expect(state.hostFilter == nil)
    #expect(state.snapshot == Self.fleet())
  }

  /// A new snapshot while filtered is shown through the filter.
  @Test func aNewSnapshotKeepsTheFilter() {
    var state = Self.serviceScreen(100, 30)
    _ = Update.apply(&state, .key(.char("m")))
    _ = Update.apply(&state, .snapshot(Self.fleet()))
    #expect(state.hostFilter == "web1")
    #expect(state.snapshot == Self.fleet().restricted(toHost: "web1"))
    #expect(state.unfilteredSnapshot == Self.fleet())
  }

  /// A job's runs say the host they ran on.
  @Test func theJobScreenSaysWhereEachRunRan() {
    let monitor = Monitor()
    monitor.hostsInUse = true
    for (i, host) in ["w1", "w2"].enumerated() {
      let t = Self.t0 + Double(i) * 10
      monitor.ingest(
        .job(JobEvent(time: t, name: "sync", phase: .started)), service: nil, host: host)
      monitor.ingest(
        .job(
          JobEvent(
            time: t + 2, name: "sync", phase: .failed,
            exception: ExceptionInfo(type: "KeyError", message: "'sku'"))), service: nil,
        host: host)
    }
    var state = AppState(
      snapshot: monitor.snapshot(now: Self.t0 + 60, window: .fiveMinutes), window: .fiveMinutes,
      themeName: "dark", width: 100, height: 30)
    _ = Update.apply(&state, .key(.tab))
    _ = Update.apply(&state, .key(.enter))
    let text = RootView.render(state, ctx: ViewContext(glyphs: .unicode)).text
    #expect(text.contains("[w1] KeyError: 'sku'"), "\(text)")
    #expect(text.contains("[w2] KeyError: 'sku'"), "\(text)")
  }

  @Test func withoutHostsMSaysWhy() {
    var state = AppState(
      snapshot: .empty(), window: .fiveMinutes, themeName: "dark", width: 80, height: 24)
    _ = Update.apply(&state, .key(.char("m")))
    #expect(state.hostFilter == nil)
    #expect(state.message?.hasPrefix("no host filter") == true)
  }

  /// The text report prints the same rows.
  @Test func theTextReportListsHosts() {
    let text = TextReport.render(Self.fleet(), width: 100, glyphs: .unicode)
    #expect(text.contains("Hosts of api:"))
    #expect(text.contains("api: DEGRADED · missing host web3 (unreachable)"))
    let rows = text.split(separator: "\n").filter { $0.hasPrefix("   web") }
    #expect(rows.count == 4)
  }
}
