import Foundation
import Testing

@testable import SitrepCore

/// Detection over every fixture file: each server's recording picks its format, and no other
/// fixture changes its detection because the server formats were added.
@Suite struct ServerDetectionTests {
  static let serverIDs: Set<String> = [
    "uvicorn-gunicorn", "werkzeug", "django-runserver", "uwsgi", "hypercorn", "daphne", "caddy",
    "haproxy",
  ]

  /// What each server recording is detected as (`nil`: nothing claims it). Files of a server's
  /// own records only (gunicorn's error log, Daphne's Python logging, Caddy's own JSON) keep the
  /// format that already read them.
  static let expected: [String: String?] = [
    "formats/gunicorn-uvicorn/access.log": "uvicorn-gunicorn",
    "formats/gunicorn-uvicorn/error.log": "gunicorn-error",
    "formats/container/stdout.log": "uvicorn-gunicorn",
    "formats/flask-werkzeug/server.log": "werkzeug",
    "formats/django-runserver/server.log": "django-runserver",
    "formats/uwsgi/uwsgi.log": "uwsgi",
    "formats/hypercorn/access.log": "hypercorn",
    "formats/hypercorn/error.log": "gunicorn-error",
    "formats/daphne/access.log": "daphne",
    "formats/daphne/server.log": "python-logging",
    "formats/caddy/access.log": "caddy",
    "formats/caddy/caddy.log": "json",
    "formats/haproxy/haproxy.log": "haproxy",
  ]

  static func fixtureFiles() throws -> [String] {
    let root = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
    let walker = try #require(FileManager.default.enumerator(atPath: root.path))
    var files: [String] = []
    while let relative = walker.nextObject() as? String {
      var isDirectory: ObjCBool = false
      FileManager.default.fileExists(
        atPath: root.appendingPathComponent(relative).path, isDirectory: &isDirectory)
      if !isDirectory.boolValue, !relative.hasSuffix(".md"), !relative.hasSuffix("story.json") {
        files.append(relative)
      }
    }
    return files.sorted()
  }

  @Test func serverRecordingsPickTheirFormat() throws {
    for (file, id) in Self.expected {
      let detection = FormatCatalog.detect(sample: try fixtureText(file))
      #expect(detection?.format == id, "\(file)")
      // A server's own recording is claimed with confidence; its plain Python logging file
      // (Daphne's) has generic-log close behind, which lowers confidence but not the choice.
      let bar = id.map { Self.serverIDs.contains($0) } == true ? 0.85 : 0.7
      #expect((detection?.confidence ?? 1) > bar, "\(file)")
      if let id { #expect(detection?.role == FormatCatalog.descriptor(id: id)?.role, "\(file)") }
    }
  }

  /// One file for both logs (`accesslog = errorlog = "-"`, a container's stderr): the start-up
  /// records, then requests, are the server's format, not gunicorn's error log.
  @Test func sharedFilesPickTheServer() throws {
    func mixed(_ error: String, _ access: String, head: Int) throws -> [String] {
      try fixtureText("formats/\(error)").prefix(head) + fixtureText("formats/\(access)")
    }
    let uvicorn = try mixed("gunicorn-uvicorn/error.log", "gunicorn-uvicorn/access.log", head: 12)
    #expect(FormatCatalog.detect(sample: uvicorn)?.format == "uvicorn-gunicorn")
    let hypercorn = try mixed("hypercorn/error.log", "hypercorn/access.log", head: 1)
    #expect(FormatCatalog.detect(sample: hypercorn)?.format == "hypercorn")
    let daphne = try mixed("daphne/server.log", "daphne/access.log", head: 4)
    #expect(FormatCatalog.detect(sample: daphne)?.format == "daphne")
    let caddy = try mixed("caddy/caddy.log", "caddy/access.log", head: 9)
    #expect(FormatCatalog.detect(sample: caddy)?.format == "caddy")
  }

  /// HAProxy logging through syslog: the prefix does not hide the entry.
  @Test func syslogPrefixedHAProxy() throws {
    let lines = try fixtureText("formats/haproxy/haproxy.log").map {
      "Nov 26 16:16:02 lb haproxy[812]: " + $0
    }
    #expect(FormatCatalog.detect(sample: lines)?.format == "haproxy")
  }

  /// Every other fixture is detected exactly as it was before the server formats existed.
  @Test func noOtherFixtureIsTaken() throws {
    let before = FormatCatalog.entries.filter { !Self.serverIDs.contains($0.descriptor.id) }
    let files = try Self.fixtureFiles()
    #expect(files.count > 40)
    for file in files {
      let sample = try fixtureText(file)
      let now = FormatCatalog.detect(sample: sample)
      if let id = Self.expected[file] {
        #expect(now?.format == id, "\(file)")
        continue
      }
      let old = FormatCatalog.detect(sample: sample, among: before)
      #expect(now?.format == old?.format, "\(file): \(String(describing: now?.format))")
      #expect(now?.confidence == old?.confidence, "\(file) \(String(describing: now?.format))")
      #expect(!Self.serverIDs.contains(now?.format ?? ""), "\(file)")
    }
  }
}
