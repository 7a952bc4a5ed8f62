import Foundation
import Testing

@testable import SitrepCore

/// Detection over every log file under `Fixtures/`: each is read as the pipeline reads it
/// (`FormatDetector`, sanitised first lines) and must get the format listed here. A new format
/// must not steal another's file; a new fixture must be listed.
@Suite struct FixtureDetectionTests {
  /// Fixture path (under `Fixtures/`) → the format detection must pick; nil: nothing claims it.
  static let expected: [String: String?] = [
    // Recorded lines kept for the declared-format tests; nginx's JSON log_format with keys named
    // after its variables is read without being declared.
    "declared/gunicorn-sync.log": "gunicorn",
    "declared/nginx-json.log": "nginx-json",
    "declared/nginx-timed.log": "nginx-combined",
    "declared/python-basic.log": "python-logging",
    "declared/python-module.log": "generic-log",
    "declared/python-named.log": "python-logging",
    "apache-common.log": "apache-common",
    "app-jsonlogger.jsonl": "json",
    "app-logfmt.log": "logfmt",
    "app-python.log": "python-logging",
    "app-structlog.jsonl": "json",
    "app.prom": "prometheus",
    "celery-worker.log": "celery",
    "deploys-capistrano.log": "capistrano",
    "deploys.jsonl": "deploy-jsonl",
    "gunicorn-access.log": "gunicorn",
    "gunicorn-error.log": "gunicorn-error",
    "hostile.log": "python-logging",
    "nginx-combined.log": "nginx-combined",
    "nginx-upstream.log": "nginx-combined",
    "rq-worker.log": "rq",
    "syslog-cron.log": "syslog-jobs",
    "uvicorn.log": "uvicorn",
    "real-stack/api.access.log": "nginx-combined",
    "real-stack/app.log": "json",
    "real-stack/deploys.jsonl": "deploy-jsonl",
    "real-stack/gunicorn.access.log": "gunicorn",
    "real-stack/gunicorn.error.log": "gunicorn-error",
    "real-stack/worker.log": "celery",
    // Recorded app and job formats (issue 14).
    "formats/apscheduler/scheduler.log": "apscheduler",
    "formats/apscheduler4/scheduler.log": "apscheduler",
    "formats/arq/worker.log": "arq",
    "formats/dramatiq/worker.log": "dramatiq",
    "formats/huey/consumer.log": "huey",
    "formats/loguru/app.log": "loguru",
    "formats/rq/worker.log": "rq",
    "formats/stdlib-logging/basic.log": "python-logging",
    "formats/stdlib-logging/module.log": "generic-log",
    "formats/stdlib-logging/named.log": "python-logging",
    "formats/structlog-console/app.log": "structlog-console",
    "formats/fastapi-jsonlog/app.jsonl": "json",
    // Read by `generic-log` until something more specific claims them.
    "formats/nginx/error.log": "generic-log",
    // Access and server recordings: what detection gives them today. The access/server formats
    // of issue 14 (uvicorn behind gunicorn, Werkzeug, Django, uWSGI, Hypercorn, Daphne, Caddy,
    // HAProxy) are added on another branch and will change some of these.
    "formats/caddy/access.log": "caddy",
    "formats/caddy/caddy.log": "json",
    // Container runtimes' wrappers, each stream detected on its own lines.
    "formats/container/cri.log": "cri/uvicorn-gunicorn+gunicorn-error",
    "formats/container/docker-json.log": "docker-json/uvicorn-gunicorn+gunicorn-error",
    "formats/container/stderr.log": "gunicorn-error",
    "formats/container/stdout.log": "uvicorn-gunicorn",
    // uvicorn's own records lead its stderr: uvicorn on both streams, each read apart.
    "formats/container-uvicorn/cri.log": "cri/uvicorn",
    "formats/container-uvicorn/docker-json.log": "docker-json/uvicorn",
    "formats/container-uvicorn/stderr.log": "uvicorn",
    "formats/container-uvicorn/stdout.log": "uvicorn",
    "formats/daphne/access.log": "daphne",
    "formats/daphne/server.log": "python-logging",
    "formats/django-runserver/server.log": "django-runserver",
    "formats/flask-werkzeug/server.log": "werkzeug",
    "formats/gunicorn-sync/access.log": "gunicorn",
    "formats/gunicorn-sync/error.log": "gunicorn-error",
    "formats/gunicorn-uvicorn/access.log": "uvicorn-gunicorn",
    "formats/gunicorn-uvicorn/error.log": "gunicorn-error",
    "formats/haproxy/haproxy.log": "haproxy",
    "formats/hypercorn/access.log": "hypercorn",
    "formats/hypercorn/error.log": "gunicorn-error",
    "formats/journald/journal.json": "journal-json/gunicorn",
    "formats/journald/journal.short-iso.log": "journal-short-iso/gunicorn",
    "formats/nginx/access.json.log": "nginx-json",
    "formats/nginx/access.log": "nginx-combined",
    "formats/uwsgi/uwsgi.log": "uwsgi",
  ]

  static let root = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!

  /// Every log file under `Fixtures/` (not the stories and READMEs), as paths under it.
  static func logFiles() -> [String] {
    let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
    var files: [String] = []
    while let url = enumerator?.nextObject() as? URL {
      let name = url.lastPathComponent
      guard name != "story.json", !name.hasSuffix(".md"), !url.hasDirectoryPath else { continue }
      files.append(
        String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1)))
    }
    return files.sorted()
  }

  @Test func everyFixtureIsDetectedAsItsFormat() throws {
    for file in Self.logFiles() {
      let detection = FormatDetector.detect(path: Self.root.appendingPathComponent(file).path)
      // Wrapped lines name their wrapper too: `docker-json/gunicorn-error`.
      let got = detection?.label
      guard let want = Self.expected[file] else {
        Issue.record("\(file): not listed (detected \(got ?? "nil"))")
        continue
      }
      #expect(got == want, "\(file)")
    }
  }

  @Test func everyListedFixtureExists() {
    let files = Set(Self.logFiles())
    for file in Self.expected.keys { #expect(files.contains(file), "\(file)") }
  }
}
