import Foundation
import Testing

@testable import SitrepCore

@Suite struct SitrepConfigTests {
  let full = """
    window = "15m"
    theme = "light"
    backfill = "16MiB"
    backfill_time = "1h"

    [[service]]
    name = "api"
    access = ["/var/log/nginx/api.access.log", "/var/log/nginx/api2.access.log"]
    app = "/var/log/api/*.log"
    metrics = ["/var/lib/prometheus/node-exporter/api.prom"]
    format = "nginx-combined"
    p95_ms = 750
    error_rate = "5%"
    silence = "3m"
    health_path = "/health"
    [service.metric_names]
    requests = "api_requests_total"
    duration = "api_latency_seconds"

    [[service]]
    name = "billing"

    [[job]]
    name = "reports.nightly"
    every = "24h"
    max_duration = "10m"

    [[job]]
    name = "tasks.*"

    [[source]]
    path = "/var/log/celery/worker.log"
    role = "jobs"
    format = "celery"
    service = "api"
    """

  @Test func readsEverySetting() throws {
    let config = try SitrepConfig.parse(text: full)
    #expect(config.window == .fifteenMinutes)
    #expect(config.theme == "light")
    #expect(config.backfillBytes == 16 << 20)
    #expect(config.backfillSeconds == 3_600)

    #expect(config.services.count == 2)
    let api = config.services[0]
    #expect(api.name == "api")
    #expect(api.access == ["/var/log/nginx/api.access.log", "/var/log/nginx/api2.access.log"])
    #expect(api.app == ["/var/log/api/*.log"])
    #expect(api.metrics == ["/var/lib/prometheus/node-exporter/api.prom"])
    #expect(api.format == "nginx-combined")
    #expect(api.p95Ms == 750)
    #expect(api.errorRate == 0.05)
    #expect(api.silenceSeconds == 180)
    #expect(api.healthPath == "/health")
    #expect(api.metricNames.requests.first == "api_requests_total")
    #expect(api.metricNames.duration.first == "api_latency_seconds")

    let billing = config.services[1]
    #expect(billing == ServiceConfig(name: "billing"))
    #expect(billing.p95Ms == 500 && billing.errorRate == 0.02 && billing.silenceSeconds == 120)

    #expect(
      config.jobs == [
        JobExpectation(name: "reports.nightly", everySeconds: 86_400, maxDurationSeconds: 600),
        JobExpectation(name: "tasks.*"),
      ])
    #expect(config.expectation(forJob: "tasks.sync_sku")?.name == "tasks.*")
    #expect(config.expectation(forJob: "reports.nightly")?.everySeconds == 86_400)
    #expect(
      config.sources == [
        SourceConfig(
          path: "/var/log/celery/worker.log", role: .jobs, format: "celery", service: "api")
      ])
  }

  @Test func emptyFileGivesDefaults() throws {
    let config = try SitrepConfig.parse(text: "")
    #expect(config == SitrepConfig())
    #expect(config.window == .fiveMinutes)
    #expect(config.backfillBytes == 8 << 20)
  }

  @Test func numbersAndTextAreBothAcceptedWhereSensible() throws {
    let config = try SitrepConfig.parse(
      text: """
        backfill = 4096
        [[service]]
        name = "api"
        p95_ms = "1.5s"
        error_rate = 0.1
        silence = 90
        """)
    #expect(config.backfillBytes == 4096)
    #expect(config.services[0].p95Ms == 1500)
    #expect(config.services[0].errorRate == 0.1)
    #expect(config.services[0].silenceSeconds == 90)
  }

  /// Parses `text` expecting an error, and returns it.
  func error(_ text: String) throws -> ConfigError {
    do {
      _ = try SitrepConfig.parse(text: text, path: "/etc/sitrep.toml")
    } catch {
      return error
    }
    Issue.record("expected a config error")
    return ConfigError(file: "", line: nil, problem: "")
  }

  @Test func syntaxErrorNamesFileAndLine() throws {
    let e = try error("window = \"5m\"\n\n[[service]]\nname = \"api\nx = 1\n")
    #expect(e.file == "/etc/sitrep.toml")
    #expect(e.line == 4)
    #expect(e.description.hasPrefix("/etc/sitrep.toml:4: not valid TOML"))
    #expect(e.fix?.contains("double quotes") == true)
  }

  @Test func unknownKeySuggestsTheClosest() throws {
    let e = try error("window = \"5m\"\n[[service]]\nname = \"api\"\np95ms = 300\n")
    #expect(e.line == 4)
    #expect(e.problem == "unknown key `p95ms` in [[service]] \"api\"")
    #expect(e.fix == "did you mean `p95_ms`?")
    let top = try error("windw = \"5m\"\n")
    #expect(top.line == 1)
    #expect(top.fix == "did you mean `window`?")
    let far = try error("colour_scheme = 1\n")
    #expect(far.fix?.hasPrefix("known keys are `window`") == true)
  }

  @Test func problemInTheSecondServiceFindsItsOwnLine() throws {
    let e = try error(
      """
      [[service]]
      name = "a"
      p95_ms = 300

      [[service]]
      name = "b"
      p95_ms = "fast"
      silense = "1m"
      """)
    #expect(e.line == 7)
    let typo = try error("[[service]]\nname = \"a\"\n[[service]]\nname = \"b\"\nsilense = \"1m\"\n")
    #expect(typo.line == 5)
    #expect(typo.problem == "unknown key `silense` in [[service]] \"b\"")
    #expect(typo.fix == "did you mean `silence`?")
  }

  @Test func wrongTypeSaysWhatToWrite() throws {
    let e = try error("[[service]]\nname = \"api\"\np95_ms = \"fast\"\n")
    #expect(e.line == 3)
    #expect(e.problem == "p95_ms = \"fast\" is not a number")
    #expect(e.fix == "expected a number of milliseconds, e.g. p95_ms = 500")
    #expect(
      e.description
        == "/etc/sitrep.toml:3: p95_ms = \"fast\" is not a number: expected a number of milliseconds, e.g. p95_ms = 500"
    )
    let paths = try error("[[service]]\nname = \"api\"\naccess = 5\n")
    #expect(paths.line == 3)
    #expect(paths.problem.contains("not a path"))
  }

  @Test func badDuration() throws {
    let e = try error("[[job]]\nname = \"x\"\nevery = \"daily\"\n")
    #expect(e.line == 3)
    #expect(e.problem == "every = \"daily\" is not a duration")
    #expect(e.fix?.hasPrefix("expected a duration such as 90s, 5m, 1h") == true)
  }

  /// A zero interval is refused like any other bad value, with its line and a fix.
  @Test(arguments: [
    ("[[job]]\nname = \"x\"\nevery = \"0s\"\n", "every = \"0s\""),
    ("[[job]]\nname = \"x\"\nmax_duration = 0\n", "max_duration = 0"),
    ("[[service]]\nname = \"api\"\nsilence = \"0m\"\n", "silence = \"0m\""),
  ])
  func zeroDurationIsRefused(text: String, shown: String) throws {
    let e = try error(text)
    #expect(e.line == 3)
    #expect(e.problem == "\(shown) is zero")
    #expect(e.fix?.hasPrefix("expected a duration above zero such as 90s, 5m, 1h") == true)
  }

  @Test func badRatioAndSize() throws {
    let rate = try error("[[service]]\nname = \"api\"\nerror_rate = 2\n")
    #expect(rate.line == 3)
    #expect(rate.fix?.contains("\"2%\"") == true)
    let size = try error("backfill = \"lots\"\n")
    #expect(size.line == 1)
    #expect(size.fix?.contains("8MiB") == true)
  }

  @Test func unknownWindowAndRole() throws {
    let window = try error("theme = \"dark\"\nwindow = \"10m\"\n")
    #expect(window.line == 2)
    #expect(window.fix == #"expected one of 1m, 5m, 15m, 1h, e.g. window = "5m""#)
    let role = try error("[[source]]\npath = \"/x.log\"\nrole = \"job\"\n")
    #expect(role.line == 3)
    #expect(role.fix?.hasPrefix("did you mean \"jobs\"?") == true)
  }

  @Test func mouseKeyTurnsTheMouseOffOrSaysWhatItWants() throws {
    #expect(try SitrepConfig.parse(text: "", path: "/x.toml").mouse)
    #expect(try SitrepConfig.parse(text: "mouse = false\n", path: "/x.toml").mouse == false)
    let bad = try error("window = \"5m\"\nmouse = \"off\"\n")
    #expect(bad.line == 2)
    #expect(bad.problem.contains("is not true or false"))
    #expect(bad.fix == "write mouse = false to leave the mouse to the terminal, or mouse = true")
  }

  @Test func duplicateServiceNames() throws {
    let e = try error("[[service]]\nname = \"api\"\n\n[[service]]\nname = \"api\"\n")
    #expect(e.line == 5)
    #expect(e.problem == "service \"api\" is defined twice (first on line 2)")
  }

  @Test func missingNameAndPath() throws {
    let service = try error("window = \"5m\"\n[[service]]\naccess = \"/a.log\"\n")
    #expect(service.line == 2)
    #expect(service.problem == "[[service]] without a name")
    #expect(service.fix == #"add name = "api""#)
    let source = try error("[[source]]\nrole = \"jobs\"\n")
    #expect(source.line == 1)
    #expect(source.fix?.hasPrefix("add path =") == true)
  }

  @Test func singleBracketServiceIsExplained() throws {
    let e = try error("[service]\nname = \"api\"\n")
    #expect(e.line == 1)
    #expect(e.fix == "write [[service]] (double brackets) before each service")
  }

  @Test func sourceNamingAnUnknownService() throws {
    let e = try error("[[service]]\nname = \"api\"\n[[source]]\npath = \"/x\"\nservice = \"apx\"\n")
    #expect(e.line == 5)
    #expect(e.fix == "did you mean \"api\"?")
  }

  @Test func unknownFormatIsCheckedAgainstTheCatalog() throws {
    let text = "[[service]]\nname = \"api\"\nformat = \"nginx-combind\"\n"
    #expect(try SitrepConfig.parse(text: text).services[0].format == "nginx-combind")
    do {
      _ = try SitrepConfig.parse(text: text, knownFormats: ["nginx-combined", "celery"])
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 3)
      #expect(error.fix == "did you mean \"nginx-combined\"?")
    }
  }

  @Test func crlfFilesKeepTheirLineNumbers() throws {
    let e = try error("window = \"5m\"\r\n[[service]]\r\nname = \"api\"\r\np95_ms = \"fast\"\r\n")
    #expect(e.line == 4)
  }

  @Test func linesInsideMultiLineArraysAreNotKeys() throws {
    let e = try error(
      """
      [[service]]
      name = "api"
      access = [
        "/var/log/p95_ms = odd.log",  # [not a header]
        "/var/log/b.log",
      ]
      p95_ms = "fast"
      """)
    #expect(e.line == 7)
  }

  @Test func earliestProblemIsReported() throws {
    let e = try error(
      "[[service]]\nname = \"api\"\np95_ms = \"fast\"\n[[job]]\nname = \"j\"\nevery = \"x\"\n")
    #expect(e.line == 3)
  }

  @Test func loadNamesUnreadableFiles() throws {
    #expect(throws: ConfigError.self) { try SitrepConfig.load(path: "/nonexistent/sitrep.toml") }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-config-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("sitrep.toml")
    try "window = \"1h\"\n".write(to: file, atomically: true, encoding: .utf8)
    #expect(try SitrepConfig.load(path: file.path).window == .oneHour)
    try "window = 5\n".write(to: file, atomically: true, encoding: .utf8)
    do {
      _ = try SitrepConfig.load(path: file.path)
      Issue.record("expected an error")
    } catch {
      #expect(error.file == file.path)
      #expect(error.line == 1)
      #expect(error.problem == "window = 5 is not text")
    }
  }
}
