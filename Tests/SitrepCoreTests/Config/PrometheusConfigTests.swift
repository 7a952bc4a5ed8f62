import Foundation
import Testing

@testable import SitrepCore

/// `[prometheus]` and a service's `prometheus` / `source`: what is read, and every refusal names
/// its line and a fix.
@Suite struct PrometheusConfigTests {
  func error(_ text: String) throws -> ConfigError {
    do {
      _ = try SitrepConfig.parse(text: text, path: "/etc/sitrep.toml")
    } catch {
      return error
    }
    Issue.record("expected a config error")
    return ConfigError(file: "", line: nil, problem: "")
  }

  @Test func serverAndServices() throws {
    let config = try SitrepConfig.parse(
      text: """
        [prometheus]
        url = "http://127.0.0.1:9090"
        timeout = "2s"
        interval = "15s"

        [[service]]
        name = "api"
        prometheus = 'job="api", env="prod"'

        [[service]]
        name = "web"
        access = "/var/log/nginx/access.log"
        source = "prometheus"
        [service.prometheus]
        selector = 'job="web"'
        requests = "starlette_requests_total"
        duration = "starlette_requests_processing_time_seconds"
        route_label = "path"
        status_label = "status_code"

        [[service]]
        name = "worker"

        [[service]]
        name = "batch"
        access = "/var/log/batch.log"
        source = "logs"
        """)
    let p = try #require(config.prometheus)
    #expect(p.url == HTTPURL(host: "127.0.0.1", port: 9090))
    #expect(p.timeoutSeconds == 2)
    #expect(p.intervalSeconds == 15)
    let byName = Dictionary(uniqueKeysWithValues: config.services.map { ($0.name, $0) })
    #expect(
      byName["api"]?.prometheus == PrometheusServiceQueries(selector: #"job="api", env="prod""#))
    let web = try #require(byName["web"]?.prometheus)
    #expect(web.requests == "starlette_requests_total")
    #expect(web.routeLabel == "path")
    #expect(web.statusLabels == ["status_code"])
    #expect(byName["web"]?.numbersSource == .prometheus)
    // No selector: the job named like the service.
    #expect(byName["worker"]?.prometheus?.selector == #"job="worker""#)
    #expect(byName["batch"]?.prometheus == nil)
    let plan = try #require(PrometheusPlan(config: config))
    #expect(plan.services.map(\.name) == ["api", "web", "worker"])
  }

  @Test func withoutTheServerNothingIsAsked() throws {
    let config = try SitrepConfig.parse(
      text: "[[service]]\nname = \"api\"\nprometheus = 'job=\"api\"'\n")
    #expect(config.services[0].prometheus == nil)
    #expect(PrometheusPlan(config: config) == nil)
  }

  @Test func httpsIsRefusedWithTheTunnelAsTheFix() throws {
    let e = try error("[prometheus]\nurl = \"https://prom.example:9090\"\n")
    #expect(e.line == 2)
    #expect(e.problem == #"url = "https://prom.example:9090" cannot be used"#)
    #expect(e.fix?.contains("ssh -L 9090:localhost:9090") == true)
  }

  @Test func badValuesNameTheirLine() throws {
    #expect(try error("[prometheus]\nurl = \"http://p:0\"\n").line == 2)
    let missing = try error("window = \"5m\"\n[prometheus]\ntimeout = \"2s\"\n")
    #expect(missing.problem == "[prometheus] without a url")
    #expect(missing.line == 2)
    let unknown = try error("[prometheus]\nurl = \"http://p:9090\"\ntimeuot = \"2s\"\n")
    #expect(unknown.line == 3)
    #expect(unknown.fix == "did you mean `timeout`?")
    let source = try error("[[service]]\nname = \"api\"\nsource = \"prom\"\n")
    #expect(source.line == 3)
    #expect(source.fix == #"expected one of "auto", "prometheus", "logs""#)
    let metric = try error(
      "[prometheus]\nurl = \"http://p:9090\"\n[[service]]\nname = \"api\"\n[service.prometheus]\nrequests = \"http requests\"\n"
    )
    #expect(metric.line == 6)
    let list = try error("[[prometheus]]\nurl = \"http://p:9090\"\n")
    #expect(list.problem == "prometheus should be a table")
  }

  @Test func credentialsComeFromFilesBesideTheConfig() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-prom-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    try "s3cret-token\n".write(
      to: dir.appendingPathComponent("token"), atomically: true, encoding: .utf8)
    try "sitrep:pa ss\n".write(
      to: dir.appendingPathComponent("auth"), atomically: true, encoding: .utf8)
    let path = dir.appendingPathComponent("sitrep.toml").path
    let config = try SitrepConfig.parse(
      text:
        "[prometheus]\nurl = \"http://p:9090\"\nbearer_token_file = \"token\"\nbasic_auth_file = \"auth\"\n",
      path: path)
    #expect(
      config.prometheus?.headers == [
        HTTPHeader(name: "Authorization", value: "Bearer s3cret-token"),
        HTTPHeader(name: "Authorization", value: "Basic c2l0cmVwOnBhIHNz"),
      ])
    do {
      _ = try SitrepConfig.parse(
        text: "[prometheus]\nurl = \"http://p:9090\"\nbearer_token_file = \"nope\"\n", path: path)
      Issue.record("expected an error")
    } catch {
      #expect(error.line == 3)
      #expect(error.problem.contains("cannot read"))
    }
  }
}
