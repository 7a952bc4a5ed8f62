import Foundation
import Testing

@testable import SitrepCore

/// A declared format forced on a source reaches the model through the pipeline.
@Suite struct DeclaredFormatPipelineTests {
  @Test func forcedDeclaredFormatsFeedTheModel() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-declared-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for (name, fixture) in [
      ("api.access.log", "declared/nginx-json.log"), ("api.app.log", "declared/python-module.log"),
    ] {
      let lines = try fixtureLines(fixture).map { $0 + [0x0A] }.joined()
      try Data(lines).write(to: URL(fileURLWithPath: "\(dir)/\(name)"))
    }
    var options = FollowOptions()
    options.fromStart = true
    let specs = [
      SourceSpec(
        pattern: "\(dir)/api.access.log", role: .access, format: NginxDeclaredTests.jsonlog,
        service: "api"),
      SourceSpec(
        pattern: "\(dir)/api.app.log", role: .app, format: PythonDeclaredTests.module,
        service: "api", zone: ZoneAssumption(zone: .utc, origin: .config),
        dateFormat: PythonDeclaredTests.moduleDatefmt),
    ]
    let pipeline = IngestPipeline(
      specs: specs, options: options, monitor: Monitor(), archive: nil,
      decoderOptions: DecoderOptions())
    let now = recorded1559 + 60
    pipeline.readOnce(now: now)
    let health = pipeline.health()
    let access = try #require(health.first { $0.path.hasSuffix("api.access.log") })
    #expect(access.detection?.forced == true && access.detection?.role == .access)
    // The sources view and the report name the kind of definition, not its whole text.
    #expect(access.detection?.format == "nginx-declared")
    #expect(access.lines == 15 && access.malformed == 0)
    let app = try #require(health.first { $0.path.hasSuffix("api.app.log") })
    // Its one indented second line of a message joins the record above it.
    #expect(app.detection?.role == .app && app.malformed == 0)
    let snap = pipeline.monitor.snapshot(now: now, window: .fiveMinutes, sources: health)
    let api = try #require(snap.services.first { $0.name == "api" })
    #expect(api.stats.requests == 15)
    #expect(snap.errors.contains { $0.type == "ValueError" })
  }
}
