import Testing

@testable import SitrepCore

/// The demo's story, read back from its files through detection, decoding and the model.
@Suite struct DemoPipelineTests {
  @Test func everySourceIsDetectedAndNothingIsMalformed() throws {
    let s = try DemoData.snapshot()
    let formats = Dictionary(
      uniqueKeysWithValues: s.sources.map {
        (String($0.path.split(separator: "/").last!), $0.detection?.format)
      })
    #expect(formats["api.access.log"] == "nginx-combined")
    #expect(formats["admin.access.log"] == "nginx-combined")
    #expect(formats["worker.log"] == "celery")
    #expect(formats["api.app.log"] == "python-logging")
    #expect(formats["deploys.jsonl"] == "deploy-jsonl")
    for source in s.sources {
      #expect(source.malformed == 0, "\(source.path): \(source.recentMalformed)")
      #expect(source.state == .done)
    }
  }

  @Test func theDeployBreaksSyncSkuAndSlowsARoute() throws {
    let s = try DemoData.snapshot()
    #expect(s.services.map(\.name) == ["admin", "api"])
    let d = try #require(s.deploy)
    #expect(d.deploy.version == "v1.4.2")
    #expect(d.deploy.rollback == "./deploy.sh v1.4.1")
    #expect(d.newErrors.map(\.type) == ["KeyError"])
    #expect(d.changes.first { $0.metric == "p50_ms" }?.significant == true)
    #expect(d.changes.first { $0.metric == "job_failure_rate" }?.significant == true)
    #expect(d.changes.first { $0.metric == "rps" }?.significant == false)
    let sync = try #require(s.jobs.first { $0.name == "tasks.sync_sku" })
    #expect(sync.status == .failing)
    #expect(sync.lastFailure?.exception?.topFrame?.function == "sync_sku")
    #expect(s.jobs.first?.name == "tasks.sync_sku")
  }

  @Test func atAMomentBeforeTheDeployNothingIsBroken() throws {
    let s = try DemoData.snapshot(at: DemoData.start + 50)
    #expect(s.deploy?.deploy.version == "v1.4.1")
    #expect(s.jobs.first { $0.name == "tasks.sync_sku" }?.status == .ok)
    #expect(s.errors.allSatisfy { $0.type != "KeyError" })
  }
}
