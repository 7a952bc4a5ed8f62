import Foundation
import Testing

@testable import SitrepCore

/// Every field of the report contract (docs/report-schema.md) is present with the right type.
/// Dropping or renaming one fails here.
@Suite struct ReportSchemaTests {
  enum Kind {
    case string, number, int, bool, object, array, nullableString, nullableNumber, nullableObject
    case nullableBool, nullableArray
  }

  static let top: [(String, Kind)] = [
    ("schema", .int), ("generated_at", .string), ("window", .string), ("services", .array),
    ("jobs", .array), ("errors", .array), ("deploy", .nullableObject), ("sources", .array),
    ("deploys", .array), ("coverage", .object), ("gate", .nullableObject),
  ]
  static let gate: [(String, Kind)] = [
    ("deploy", .object), ("previous_version", .nullableString), ("verdict", .string),
    ("exit_code", .int), ("reason", .string), ("rollback", .nullableString), ("test", .string),
    ("alpha", .number), ("watch_s", .number), ("elapsed_s", .number), ("looks", .int),
    ("last_look_at", .nullableString), ("decided_at", .nullableString), ("sides", .object),
    ("samples", .object), ("worst", .nullableObject), ("tests", .array),
  ]
  static let gateTest: [(String, Kind)] = [
    ("metric", .string), ("before", .nullableNumber), ("after", .nullableNumber),
    ("before_hits", .int), ("before_samples", .int), ("after_hits", .int),
    ("after_samples", .int), ("log_likelihood_ratio", .number), ("log_threshold", .number),
    ("judged", .bool), ("crossed", .bool), ("note", .nullableString), ("summary", .string),
  ]
  static let coverage: [(String, Kind)] = [
    ("window_covered", .nullableBool), ("covers_from", .nullableString),
  ]
  static let service: [(String, Kind)] = [
    ("name", .string), ("verdict", .string), ("reason", .string), ("requests", .int),
    ("rps", .nullableNumber),
    ("status", .object), ("error_rate", .nullableNumber), ("p50_ms", .nullableNumber),
    ("p95_ms", .nullableNumber),
    ("p99_ms", .nullableNumber), ("routes", .array), ("app_layer", .nullableObject),
    ("hosts", .array), ("worst_host", .nullableString),
    ("numbers_from", .string), ("number_sources", .object),
  ]
  static let numberSources: [(String, Kind)] = [
    ("requests", .nullableString), ("latency", .nullableString), ("up", .nullableString),
  ]
  static let host: [(String, Kind)] = [
    ("name", .string), ("state", .string), ("state_reason", .nullableString), ("worst", .bool),
    ("requests", .int), ("rps", .nullableNumber), ("status", .object),
    ("error_rate", .nullableNumber), ("p50_ms", .nullableNumber), ("p95_ms", .nullableNumber),
    ("p99_ms", .nullableNumber), ("last_request_at", .nullableString),
  ]
  static let route: [(String, Kind)] = [
    ("route", .string), ("requests", .int), ("error_rate", .nullableNumber),
    ("p50_ms", .nullableNumber),
    ("p95_ms", .nullableNumber), ("p99_ms", .nullableNumber),
  ]
  static let job: [(String, Kind)] = [
    ("name", .string), ("runs", .int), ("failures", .int), ("last_outcome", .nullableString),
    ("last_run_at", .nullableString), ("last_success_at", .nullableString),
    ("consecutive_failures", .int), ("failure_rate", .nullableNumber),
    ("runs_since_deploy", .nullableNumber), ("failures_since_deploy", .nullableNumber),
    ("last_exception", .nullableString),
  ]
  static let error: [(String, Kind)] = [
    ("signature", .string), ("type", .string), ("kind", .string), ("count", .int),
    ("first_seen", .string),
    ("last_seen", .string),
    ("sample", .string), ("hosts", .array),
  ]
  static let deploy: [(String, Kind)] = [
    ("version", .nullableString), ("service", .nullableString), ("at", .string),
    ("by", .nullableString),
    ("rollback", .nullableString), ("before", .object), ("after", .object), ("changes", .array),
    ("new_errors", .array), ("gone_errors", .array), ("first_seen_errors", .array),
    ("latest", .bool),
  ]
  static let side: [(String, Kind)] = [
    ("from", .string), ("to", .string), ("requests", .int), ("error_rate", .nullableNumber),
    ("p50_ms", .nullableNumber), ("p95_ms", .nullableNumber), ("p99_ms", .nullableNumber),
    ("job_runs", .int),
    ("job_failures", .int),
  ]
  static let change: [(String, Kind)] = [
    ("metric", .string), ("before", .nullableNumber), ("after", .nullableNumber),
    ("direction", .string),
    ("significant", .bool), ("method", .string),
  ]
  static let source: [(String, Kind)] = [
    ("path", .string), ("role", .nullableString), ("format", .nullableString),
    ("confidence", .nullableNumber),
    ("state", .string), ("lines", .int), ("malformed", .int), ("truncated", .int),
    ("rotations", .int), ("window_covered", .nullableBool), ("covers_from", .nullableString),
    ("time_zone", .nullableString), ("time_zone_from", .nullableString),
    ("named_by", .array), ("invalid_utf8", .int), ("nul", .int), ("truncations", .int),
    ("recovered_bytes", .int), ("wrapper", .nullableString), ("command", .nullableArray),
    ("host", .nullableString), ("last_exit", .nullableString), ("stderr", .array),
    ("restarts", .int),
    ("stderr_format", .nullableString),
  ]

  static func check(_ object: Any?, _ fields: [(String, Kind)], _ place: String) {
    guard let dict = object as? [String: Any] else {
      Issue.record("\(place) is not an object")
      return
    }
    for (name, kind) in fields {
      guard let value = dict[name] else {
        Issue.record("\(place).\(name) is missing")
        continue
      }
      let isNull = value is NSNull
      let ok: Bool
      switch kind {
      case .string: ok = value is String
      case .number: ok = value is NSNumber
      case .int: ok = (value as? NSNumber).map { !$0.stringValue.contains(".") } ?? false
      case .bool: ok = value is Bool
      case .object: ok = value is [String: Any]
      case .array: ok = value is [Any]
      case .nullableString: ok = isNull || value is String
      case .nullableNumber: ok = isNull || value is NSNumber
      case .nullableObject: ok = isNull || value is [String: Any]
      case .nullableBool: ok = isNull || value is Bool
      case .nullableArray: ok = isNull || value is [Any]
      }
      #expect(ok, "\(place).\(name) has the wrong type: \(value)")
    }
  }

  @Test func everyContractFieldIsThere() throws {
    let snapshot = try DemoData.snapshot()
    let text = ReportJSON.document(snapshot).rendered()
    let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    Self.check(json, Self.top, "report")
    let services = json["services"] as! [[String: Any]]
    #expect(!services.isEmpty)
    for s in services {
      Self.check(s, Self.service, "service")
      Self.check(s["number_sources"], Self.numberSources, "service.number_sources")
      Self.check(
        s["status"], [("2xx", .int), ("3xx", .int), ("4xx", .int), ("5xx", .int)], "status")
      for r in s["routes"] as! [Any] { Self.check(r, Self.route, "route") }
    }
    // A check over an empty list would pass whatever the fields: the demo fills every list.
    #expect(services.contains { !($0["routes"] as! [Any]).isEmpty })
    for key in ["jobs", "errors", "sources"] {
      #expect(!(json[key] as! [Any]).isEmpty, "\(key) is empty")
    }
    #expect(!(((json["deploy"] as! [String: Any])["changes"]) as! [Any]).isEmpty)
    for j in json["jobs"] as! [Any] { Self.check(j, Self.job, "job") }
    for e in json["errors"] as! [Any] { Self.check(e, Self.error, "error") }
    let deploy = json["deploy"] as! [String: Any]
    Self.check(deploy, Self.deploy, "deploy")
    Self.check(deploy["before"], Self.side, "deploy.before")
    Self.check(deploy["after"], Self.side, "deploy.after")
    for c in deploy["changes"] as! [Any] { Self.check(c, Self.change, "change") }
    for s in json["sources"] as! [Any] { Self.check(s, Self.source, "source") }
    Self.check(json["coverage"], Self.coverage, "coverage")
    Self.check(json["gate"], Self.gate, "gate")
    let gate = json["gate"] as! [String: Any]
    #expect(!(gate["tests"] as! [Any]).isEmpty)
    for t in gate["tests"] as! [Any] { Self.check(t, Self.gateTest, "gate.tests") }
    Self.check(
      gate["samples"],
      [
        ("before_requests", .int), ("after_requests", .int), ("before_job_runs", .int),
        ("after_job_runs", .int),
      ], "gate.samples")
  }

  @Test func unknownIsNullNeverZero() throws {
    // uvicorn lines carry no duration: latency must be null, not 0.
    let monitor = Monitor()
    monitor.ingest(
      (Request(time: 100, method: "GET", path: "/", route: "/", status: 200)),
      service: "api")
    let text = ReportJSON.document(monitor.snapshot(now: 110, window: .fiveMinutes)).rendered()
    let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    let api = (json["services"] as! [[String: Any]])[0]
    #expect(api["p95_ms"] is NSNull)
    #expect(api["latency_unknown"] as? Int == 1)
    #expect(json["deploy"] is NSNull)
    #expect(json["gate"] is NSNull)
  }

  /// The follower's counts of lines that are not clean text reach the report, not only its memory.
  @Test func sourceCountsOfUncleanLinesAreReported() throws {
    var snapshot = Snapshot.empty(now: 1000)
    var source = SourceHealth(path: "/var/log/app.log", state: .following, lines: 10)
    source.invalidUTF8 = 3
    source.withNUL = 2
    source.truncations = 1
    source.recoveredBytes = 640
    snapshot.sources = [source]
    let text = ReportJSON.document(snapshot).rendered()
    let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    let reported = try #require((json["sources"] as? [[String: Any]])?.first)
    #expect(reported["invalid_utf8"] as? Int == 3)
    #expect(reported["nul"] as? Int == 2)
    #expect(reported["truncations"] as? Int == 1)
    #expect(reported["recovered_bytes"] as? Int == 640)
  }

  /// Issue 18: a service over two hosts reports each host's share, the rows adding up to the
  /// service, the worst and the unreachable one named; errors and sources say their host.
  @Test func aServiceOverHostsReportsEachHost() throws {
    let monitor = Monitor()
    monitor.hostsInUse = true
    let web1 = monitor.requestSink(service: "api", host: "web1")
    let web2 = monitor.requestSink(service: "api", host: "web2")
    for i in 0..<40 {
      let t = 1000 + Double(i)
      web1.record(
        Request(time: t, method: "GET", path: "/", route: "/", status: 200, durationMs: 10))
      web2.record(
        Request(
          time: t, method: "GET", path: "/", route: "/", status: i % 2 == 0 ? 500 : 200,
          durationMs: 30))
    }
    monitor.ingest(
      .log(LogRecord(time: 1010, level: .error, message: "boom")), service: "api", host: "web2")
    var sources = ["web1", "web2", "web3"].map { host in
      var h = SourceHealth(path: "/l/\(host).log", role: .access, service: "api", state: .following)
      h.host = host
      return h
    }
    sources[2].state = .waiting
    let text = ReportJSON.document(
      monitor.snapshot(now: 1050, window: .fiveMinutes, sources: sources)
    ).rendered()
    let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    let api = try #require((json["services"] as? [[String: Any]])?.first)
    Self.check(api, Self.service, "service")
    let hosts = try #require(api["hosts"] as? [[String: Any]])
    for h in hosts { Self.check(h, Self.host, "host") }
    #expect(hosts.map { $0["name"] as? String } == ["web1", "web2", "web3"])
    #expect(hosts.map { $0["requests"] as? Int } == [40, 40, 0])
    #expect(hosts.map { $0["requests"] as! Int }.reduce(0, +) == api["requests"] as? Int)
    #expect(hosts.map { $0["state"] as? String } == ["up", "up", "unreachable"])
    #expect(hosts[2]["state_reason"] as? String == "waiting for file")
    #expect(api["worst_host"] as? String == "web3")
    #expect(api["verdict"] as? String == "DEGRADED")
    #expect((api["reason"] as? String)?.hasPrefix("missing host web3 (unreachable); ") == true)
    let error = try #require((json["errors"] as? [[String: Any]])?.first)
    #expect(error["hosts"] as? [String] == ["web2"])
    #expect(
      (json["sources"] as? [[String: Any]])?.map { $0["host"] as? String }
        == hosts.map { $0["name"] as? String })
  }

  @Test func stringsAreEscaped() {
    #expect(ReportValue.string("a\"b\\c\n\u{1B}[2J").rendered() == #""a\"b\\c\n\u001b[2J""#)
  }
}

@Suite struct CheckEvaluatorTests {
  func snapshot(_ verdict: Verdict, job: JobStatus? = nil) -> Snapshot {
    var s = Snapshot.empty(now: 1000)
    s.sources = [
      SourceHealth(
        path: "x.log", detection: Detection(format: "nginx-combined", role: .access, confidence: 1),
        state: .done, lines: 10)
    ]
    var b = RequestBucket()
    b.record(status: 200, durationMs: 10)
    s.services = [
      ServiceSnapshot(
        name: "api", verdict: VerdictWithReason(verdict, "because"),
        stats: RequestStats(bucket: b, from: 700, to: 1000),
        routes: [], sparkline: [], lastRequestAt: 999, recentErrors: [], slowest: [],
        numbersFrom: "access log",
        thresholds: ServiceThresholds())
    ]
    return s
  }

  let all = Set(CheckEvaluator.Condition.allCases)

  @Test func exitCodesFollowTheVerdicts() {
    #expect(CheckEvaluator.evaluate(snapshot(.up), failOn: all).status == .ok)
    #expect(CheckEvaluator.evaluate(snapshot(.slow), failOn: all).status == .warning)
    #expect(CheckEvaluator.evaluate(snapshot(.degraded), failOn: all).status == .critical)
    #expect(CheckEvaluator.evaluate(snapshot(.down), failOn: all).status == .critical)
    #expect(CheckEvaluator.evaluate(snapshot(.down), failOn: [.slow]).status == .ok)
    let r = CheckEvaluator.evaluate(snapshot(.down), failOn: all)
    #expect(r.line.hasPrefix("SITREP CRITICAL - api DOWN (because)"))
    #expect(CheckEvaluator.Status.critical.rawValue == 2)
  }

  @Test func noDataIsUnknown() {
    var s = Snapshot.empty(now: 1000)
    s.sources = [SourceHealth(path: "/missing.log", state: .waiting)]
    let r = CheckEvaluator.evaluate(s, failOn: all)
    #expect(r.status == .unknown)
    #expect(r.line == "SITREP UNKNOWN - /missing.log: waiting for file")
  }

  /// Nagios reads everything after the first `|` as performance data: a `|` in an exception
  /// message, a reason or a service name must not add fake perfdata; no escape sequence, control
  /// or bidi override may reach the one line either.
  @Test func untrustedTextCannotSplitOrEscapeTheLine() {
    var s = snapshot(.down)
    s.services[0].name = "api|x=1 y"
    s.services[0].verdict.reason = "KeyError: 'a|b' \u{1B}]0;pwned\u{07}\u{202E}done\nnext"
    let r = CheckEvaluator.evaluate(s, failOn: all)
    #expect(r.line.filter { $0 == "|" }.count == 1, "\(r.line)")
    #expect(r.line.hasPrefix("SITREP CRITICAL - api/x=1 y DOWN (KeyError: 'a/b' donenext)"))
    #expect(r.line.contains(" | api/x_1_y_rps="))
    #expect(!r.line.unicodeScalars.contains { TextSanitizer.isHidden($0.value) })

    var unknown = Snapshot.empty(now: 1000)
    unknown.sources = [
      SourceHealth(path: "/x\u{1B}]2;title\u{07}|y.log\u{202E}", state: .waiting)
    ]
    let u = CheckEvaluator.evaluate(unknown, failOn: all)
    #expect(u.line == "SITREP UNKNOWN - /x/y.log: waiting for file")
  }

  /// A number that is no number is Nagios' `U`, never `-nan` or `inf`.
  @Test func perfdataIsUnknownRatherThanNaN() {
    var s = snapshot(.up)
    s.services[0].stats.to = .nan
    s.services[0].stats.p95Ms = .infinity
    let r = CheckEvaluator.evaluate(s, failOn: all)
    #expect(r.line.hasSuffix(" | api_rps=U api_err=0.0000 api_p95=U"), "\(r.line)")
  }

  @Test func regressionsFailTheGate() throws {
    let s = try DemoData.snapshot()
    let r = CheckEvaluator.evaluate(s, failOn: [.regression])
    #expect(r.status == .critical)
    #expect(r.line.contains("new error since v1.4.2: KeyError: 'sku'"))
  }
}
