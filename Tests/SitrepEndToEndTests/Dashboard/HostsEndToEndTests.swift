import Foundation
import Testing

/// Issue 18 with the real binary: two local files labelled as two hosts (`[[source]] host`), one
/// service over both, and a third host whose file is missing: it is UNREACHABLE, the service
/// misses it, `m` filters to one host; when its file appears, the host comes back.
@Suite struct HostsEndToEndTests {
  /// A folder with web1's and web2's access logs of the last two minutes (web2 failing a fifth
  /// of its requests) and a config naming the three hosts.
  final class Fleet {
    let dir: String
    let config: String

    init(at now: Date = Date()) throws {
      dir =
        FileManager.default.temporaryDirectory.appendingPathComponent(
          "sitrep-hosts-\(UUID().uuidString)"
        ).path
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      try Self.lines(count: 120, failEvery: 0, until: now).write(
        toFile: dir + "/web1.access.log", atomically: true, encoding: .utf8)
      try Self.lines(count: 120, failEvery: 5, until: now).write(
        toFile: dir + "/web2.access.log", atomically: true, encoding: .utf8)
      config = dir + "/sitrep.toml"
      try """
      [[host]]
      name = "web"
      members = ["web1", "web2", "web3"]

      [[service]]
      name = "api"
      hosts = ["web"]

      [[source]]
      path = "\(dir)/web1.access.log"
      service = "api"
      host = "web1"

      [[source]]
      path = "\(dir)/web2.access.log"
      service = "api"
      host = "web2"

      [[source]]
      path = "\(dir)/web3.access.log"
      service = "api"
      host = "web3"
      """.write(toFile: config, atomically: true, encoding: .utf8)
    }

    /// One request a second for `count` seconds up to `until`, every `failEvery`th a 502.
    static func lines(count: Int, failEvery: Int, until: Date) -> String {
      let format = DateFormatter()
      format.locale = Locale(identifier: "en_US_POSIX")
      format.timeZone = TimeZone(identifier: "UTC")
      format.dateFormat = "dd/MMM/yyyy:HH:mm:ss Z"
      return (0..<count).map { i in
        let t = until.addingTimeInterval(Double(i - count))
        let status = failEvery > 0 && i % failEvery == 0 ? 502 : 200
        return #"203.0.113.7 - - [\#(format.string(from: t))] "GET /api/orders/\#(i) HTTP/1.1" "#
          + #"\#(status) 512 "-" "curl" 0.0\#(10 + i % 50)"#
      }.joined(separator: "\n") + "\n"
    }

    func remove() { try? FileManager.default.removeItem(atPath: dir) }
  }

  @Test func reportAndCheckBreakAServiceDownByHost() throws {
    let fleet = try Fleet()
    defer { fleet.remove() }
    let result = try CommandRunner.sitrep(["report", "--json", "--config", fleet.config])
    // A source waiting for its file makes `report` exit 2, as it always has, naming it.
    #expect(result.status == 2)
    #expect(result.stderr.contains("web3.access.log: waiting for file"), "\(result.stderr)")
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let api = try #require(
      (report["services"] as? [[String: Any]])?.first { $0["name"] as? String == "api" })
    let hosts = try #require(api["hosts"] as? [[String: Any]])
    #expect(hosts.map { $0["name"] as? String } == ["web1", "web2", "web3"])
    #expect(hosts.map { $0["state"] as? String } == ["up", "up", "unreachable"])
    #expect(hosts.map { $0["requests"] as! Int }.reduce(0, +) == api["requests"] as? Int)
    #expect(hosts.map { $0["requests"] as? Int } == [120, 120, 0])
    #expect(api["worst_host"] as? String == "web3")
    #expect((api["reason"] as? String)?.hasPrefix("missing host web3 (unreachable)") == true)
    let sources = report["sources"] as? [[String: Any]] ?? []
    #expect(sources.map { $0["host"] as? String } == ["web1", "web2", "web3"])

    let check = try CommandRunner.sitrep(["check", "--config", fleet.config])
    #expect(check.status == 2, "\(check.stdout)")
    #expect(
      check.stdout.contains("api DEGRADED (missing host web3 (unreachable)"), "\(check.stdout)")
    let text = try CommandRunner.sitrep(["report", "--config", fleet.config])
    #expect(text.stdout.contains("Hosts of api:"), "\(text.stdout)")
    #expect(text.stdout.contains("UNREACHABLE: waiting for file"), "\(text.stdout)")
  }

  @Test func theDashboardShowsHostsFiltersAndSeesAHostComeBack() throws {
    let fleet = try Fleet()
    defer { fleet.remove() }
    let command =
      "\(TmuxSession.shellQuote(SitrepBinary.path)) --config \(TmuxSession.shellQuote(fleet.config))"
      + " 2>/dev/null; echo EXITED $?"
    let tmux = try TmuxSession(
      command: command, width: 120, height: 40, environment: ["TZ": "UTC", "LANG": "C.UTF-8"])
    defer { tmux.kill() }
    try tmux.waitFor(text: "api")
    try tmux.send("Enter")
    // Enter may come while the first read is still going ("reading" in the header): the rows
    // fill in as it goes, so the wait is for the finished breakdown, not for its first rows.
    try tmux.waitFor("api's host breakdown, read whole") {
      $0.contains("service api") && $0.contains("web2") && $0.contains("UNREACHABLE")
        && $0.contains("missing host web3 (unreachable)") && $0.contains("web1               120")
    }
    try tmux.send("m")
    try tmux.waitFor(text: "· host web1 ·")
    try tmux.send("m")
    let web2 = try tmux.waitFor(text: "· host web2 ·")
    #expect(web2.contains("120 requests in 5m"), "\(web2)")
    try tmux.send("m", "m")
    try tmux.waitFor("the filter off") { !$0.contains("· host web") && $0.contains("service api") }
    // web3 answers again: its file appears with traffic.
    try Fleet.lines(count: 30, failEvery: 0, until: Date()).write(
      toFile: fleet.dir + "/web3.access.log", atomically: true, encoding: .utf8)
    let back = try tmux.waitFor("web3 up again", timeout: 30) {
      !$0.contains("UNREACHABLE") && $0.contains("web3") && !$0.contains("missing host")
    }
    let row = back.split(separator: "\n").first { $0.contains("   web3 ") }
    #expect(row?.contains("  UP") == true, "\(back)")
    try tmux.send("Q")
    try tmux.waitFor(text: "EXITED 0")
  }
}
