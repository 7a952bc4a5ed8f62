import Testing

@testable import SitrepCore

@Suite struct DetectionTests {
  @Test(arguments: [
    ("nginx-combined.log", "nginx-combined"),
    ("nginx-upstream.log", "nginx-combined"),
    ("apache-common.log", "apache-common"),
    ("gunicorn-access.log", "gunicorn"),
    ("uvicorn.log", "uvicorn"),
    ("app-python.log", "python-logging"),
    ("gunicorn-error.log", "gunicorn-error"),
    ("app-structlog.jsonl", "json"),
    ("app-jsonlogger.jsonl", "json"),
    ("app-logfmt.log", "logfmt"),
    ("celery-worker.log", "celery"),
    ("rq-worker.log", "rq"),
    ("syslog-cron.log", "syslog-jobs"),
    ("deploys.jsonl", "deploy-jsonl"),
    ("deploys-capistrano.log", "capistrano"),
  ])
  func detectsFixture(file: String, expected: String) throws {
    let detection = try #require(FormatCatalog.detect(sample: try fixtureText(file)))
    #expect(detection.format == expected)
    #expect(detection.role == FormatCatalog.descriptor(id: expected)?.role)
    #expect(detection.confidence > 0.5 && detection.confidence <= 1)
    #expect(!detection.forced)
  }

  @Test func detectsDeployKVAndJSONJobs() {
    let kv = [
      "2026-11-24T13:50:00Z v1.4.2 service=api by=alice", "2026-11-24T14:50:00Z v1.4.3 service=api",
    ]
    #expect(FormatCatalog.detect(sample: kv)?.format == "deploy-kv")
    let jobs = [#"{"ts": 1795528800, "job": "report", "status": "ok", "duration": 3}"#]
    #expect(FormatCatalog.detect(sample: jobs)?.format == "json-jobs")
  }

  @Test func unknownTextIsNotClaimed() throws {
    #expect(
      FormatCatalog.detect(sample: ["hello world", "this is prose", "nothing to see"]) == nil)
    #expect(FormatCatalog.detect(sample: []) == nil)
  }

  @Test func metricsFilesAreDetectedAsPrometheus() throws {
    #expect(FormatCatalog.detect(sample: try fixtureText("app.prom"))?.format == "prometheus")
  }

  @Test func catalogIdsAreUniqueAndResolvable() {
    let ids = FormatCatalog.all.map(\.id)
    #expect(Set(ids).count == ids.count)
    for id in ids { #expect(FormatCatalog.descriptor(id: id)?.id == id) }
    #expect(FormatCatalog.descriptor(id: "combined")?.id == "nginx-combined")
    #expect(FormatCatalog.descriptor(id: "nope") == nil)
  }
}
