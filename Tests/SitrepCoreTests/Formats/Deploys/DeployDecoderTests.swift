import Testing

@testable import SitrepCore

@Suite struct DeployDecoderTests {
  @Test func deployJSONLFixture() throws {
    let d = try decode("deploy-jsonl", fixture: "deploys.jsonl")
    #expect(
      d.deploys == [
        DeployEvent(
          time: 1_795_526_400, version: "v1.4.1", service: "api", by: "ci", commit: "9c1e2f0"),
        DeployEvent(
          time: 1_795_528_200, version: "v1.4.2", service: "api", by: "alice", commit: "3f2a1c9",
          rollback: "./deploy.sh v1.4.1"),
      ])
  }

  @Test func deployJSONLRollbackKinds() throws {
    let lines = [
      #"{"time": "2026-11-24T14:00:00Z", "action": "rollback", "release": "v1.4.1", "user": "bob"}"#,
      #"{"timestamp": 1795528800, "type": "restart", "app": "worker"}"#,
      #"{"level": "info"}"#,
    ]
    let d = try decode("deploy-jsonl", text: lines, options: DecoderOptions(service: "api"))
    #expect(
      d.deploys[0]
        == DeployEvent(
          time: fixtureHour, kind: .rollback, version: "v1.4.1", service: "api", by: "bob"))
    #expect(d.deploys[1] == DeployEvent(time: fixtureHour, kind: .restart, service: "worker"))
    #expect(d.counts.ignored == 1)
  }

  @Test func deployKeyValue() throws {
    let lines = [
      #"2026-11-24T13:50:00Z v1.4.2 service=api by=alice rollback="./deploy.sh v1.4.1""#,
      "2026-11-24T14:00:00+01:00 version=v1.4.3 commit=abc1234 action=rollback",
      "nonsense line",
    ]
    let d = try decode("deploy-kv", text: lines)
    #expect(
      d.deploys[0]
        == DeployEvent(
          time: 1_795_528_200, version: "v1.4.2", service: "api", by: "alice",
          rollback: "./deploy.sh v1.4.1"))
    #expect(
      d.deploys[1]
        == DeployEvent(
          time: fixtureHour - 3600, kind: .rollback, version: "v1.4.3", commit: "abc1234"))
    #expect(d.counts.malformed == 1)
  }

  @Test func capistranoFixture() throws {
    let d = try decode(
      "capistrano", fixture: "deploys-capistrano.log", options: DecoderOptions(service: "shop"))
    #expect(
      d.deploys == [
        DeployEvent(
          time: 1_795_526_400, version: "20261124132000", service: "shop", by: "ci",
          commit: "9c1e2f0"),
        DeployEvent(
          time: 1_795_528_200, version: "20261124135000", service: "shop", by: "alice",
          commit: "3f2a1c9"),
        DeployEvent(
          time: fixtureReadAt, kind: .rollback, version: "20261124132000", service: "shop",
          by: "alice"),
      ])
  }

  @Test func capistranoImpossibleReleaseIsMalformed() throws {
    let d = try decode(
      "capistrano", text: ["Branch main (at 1) deployed as release 20261324135000 by x"])
    #expect(d.counts.malformed == 1 && d.deploys.isEmpty)
  }
}
