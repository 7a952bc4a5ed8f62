import Testing

@testable import SitrepCore

@Suite struct StarterConfigTests {
  @Test(arguments: [
    ("api.access.log", "api"),
    ("/var/log/nginx/access.log", "nginx"),
    ("/var/log/nginx/api.access.log", "api"),
    ("/var/log/api/app.log", "api"),
    ("/var/log/api/*.log", "api"),
    ("/var/log/gunicorn-error.log.1.gz", "gunicorn"),
    ("/var/lib/prometheus/node-exporter/billing.prom", "billing"),
    ("/var/log/celery/worker.log", "celery"),
    ("/var/log/access.log", "web"),
    ("/srv/Shop API/requests.log", "shopapi"),
    ("", "web"),
    ("/srv/service/access.log", "web"),
    ("/srv/service/logs/access.log", "web"),
    ("/tmp/tmp.Xa3b9Qz/access.log", "web"),
    ("/tmp/tmpk2j3x_/logs/access.log", "web"),
    ("/srv/api/logs/access.log", "api"),
    ("/tmp/tmp.Xa3b9Qz/api-access.log", "api"),
    ("/tmp/tmp.Xa3b9Qz/checkout_access.log", "checkout"),
  ])
  func namesServicesFromPaths(path: String, name: String) {
    #expect(ServiceNaming.name(forPath: path) == name)
  }

  let detected: [(path: String, detection: Detection?)] = [
    (
      "/var/log/nginx/api.access.log",
      Detection(format: "nginx-combined", role: .access, confidence: 0.98)
    ),
    ("/var/log/api/app.log", Detection(format: "python-logging", role: .app, confidence: 0.9)),
    (
      "/var/lib/prometheus/node-exporter/api.prom",
      Detection(format: "prometheus", role: .metrics, confidence: 1)
    ),
    (
      "/var/log/nginx/access.log",
      Detection(format: "nginx-combined", role: .access, confidence: 0.7)
    ),
    ("/var/log/celery/worker.log", Detection(format: "celery", role: .jobs, confidence: 0.95)),
    ("/tmp/odd \"quoted\" \\ path.log", nil),
    ("/tmp/ctl\u{7F}c1\u{85}tab\t.log", nil),
  ]

  @Test func starterParsesBackWithTheSameFiles() throws {
    let text = StarterConfig.render(sources: detected)
    let config = try SitrepConfig.parse(text: text, path: "starter.toml")

    #expect(config.services.map(\.name) == ["api", "nginx"])
    let api = config.services[0]
    #expect(api.access == ["/var/log/nginx/api.access.log"])
    #expect(api.app == ["/var/log/api/app.log"])
    #expect(api.metrics == ["/var/lib/prometheus/node-exporter/api.prom"])
    #expect(api.p95Ms == ServiceConfig.defaultP95Ms)
    #expect(api.silenceSeconds == ServiceConfig.defaultSilenceSeconds)
    #expect(config.services[1].access == ["/var/log/nginx/access.log"])

    #expect(
      config.sources == [
        SourceConfig(path: "/var/log/celery/worker.log", role: .jobs, format: "celery"),
        SourceConfig(path: "/tmp/odd \"quoted\" \\ path.log"),
        SourceConfig(path: "/tmp/ctl\u{7F}c1\u{85}tab\t.log"),
      ])
    #expect(config.window == .fiveMinutes)
    #expect(config.backfillBytes == SitrepConfig.defaultBackfillBytes)
    #expect(text.contains("nginx-combined, detected 98%"))
    #expect(text.contains("# [[job]]"))
  }

  /// The mouse is on unless the config says otherwise; the starter shows how to say it.
  @Test func starterShowsHowToTurnTheMouseOff() throws {
    let text = StarterConfig.render(sources: [])
    #expect(try SitrepConfig.parse(text: text).mouse)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines.contains { $0.hasPrefix("# mouse = false") })
    let uncommented = lines.map { $0.hasPrefix("# mouse = false") ? "mouse = false" : $0 }
      .joined(separator: "\n")
    #expect(try SitrepConfig.parse(text: uncommented).mouse == false)
  }

  @Test func emptyStarterStillParses() throws {
    let config = try SitrepConfig.parse(text: StarterConfig.render(sources: []))
    #expect(config.services.isEmpty)
  }

  @Test func controlCharactersInPathsAreEscaped() throws {
    let path = "/tmp/a\u{01}b\nc.log"
    let text = StarterConfig.render(sources: [(path, nil)])
    let config = try SitrepConfig.parse(text: text)
    #expect(config.sources.first?.path == path)
  }
}
