import Testing

@testable import SitrepCore

/// Issue 18: `[[host]]` names and groups, `host` on a source, `hosts` on a service; mistakes are
/// errors naming the file, the line and the fix.
@Suite struct HostConfigTests {
  static let fleet = """
    [[host]]
    name = "web"
    members = ["web1", "web2"]

    [[host]]
    name = "db1"

    [[service]]
    name = "api"
    hosts = ["web"]

    [[service]]
    name = "admin"
    hosts = ["web*", "db1"]

    [[source]]
    path = "/logs/web1/access.log"
    service = "api"
    host = "web1"

    [[source]]
    path = "/logs/web2/access.log"
    service = "api"
    host = "web2"
    """

  @Test func readsHostsGroupsAndWhoServesWhat() throws {
    let config = try SitrepConfig.parse(text: Self.fleet)
    #expect(
      config.hosts == [
        HostConfig(name: "web", members: ["web1", "web2"]), HostConfig(name: "db1"),
      ])
    #expect(config.sources.map(\.host) == ["web1", "web2"])
    #expect(config.services[0].hosts == ["web"])
    #expect(config.knownHosts == ["db1", "web1", "web2"])
    #expect(config.expectedHosts(forService: config.services[0]) == ["web1", "web2"])
    #expect(config.expectedHosts(forService: config.services[1]) == ["db1", "web1", "web2"])
  }

  func error(_ text: String) throws -> ConfigError {
    do {
      _ = try SitrepConfig.parse(text: text, path: "/etc/sitrep.toml")
    } catch {
      return error
    }
    Issue.record("expected a config error")
    return ConfigError(file: "", line: nil, problem: "")
  }

  @Test func aSourceOnAGroupIsAnError() throws {
    let e = try error(
      """
      [[host]]
      name = "web"
      members = ["web1", "web2"]

      [[source]]
      path = "/logs/access.log"
      host = "web"
      """)
    #expect(e.file == "/etc/sitrep.toml")
    #expect(e.line == 7)
    #expect(e.problem == #"host = "web" is a group (web1, web2)"#)
    #expect(e.fix?.contains(#"host = "web1""#) == true)
  }

  @Test func aServiceHostPatternMatchingNothingIsAnErrorWithAGuess() throws {
    let e = try error(
      """
      [[source]]
      path = "/logs/web1.log"
      host = "web1"

      [[service]]
      name = "api"
      hosts = ["wbe1"]
      """)
    #expect(e.line == 7)
    #expect(e.problem == #"hosts: "wbe1" matches no host"#)
    #expect(e.fix == #"did you mean "web1"? "#)
  }

  @Test func aSourceOnAHostItsServiceDoesNotListIsAnError() throws {
    let e = try error(
      """
      [[service]]
      name = "api"
      hosts = ["web*"]

      [[source]]
      path = "/logs/db1.log"
      service = "api"
      host = "db1"

      [[source]]
      path = "/logs/web1.log"
      service = "api"
      host = "web1"
      """)
    #expect(e.line == 8)
    #expect(e.problem.hasPrefix(#"host = "db1" is not among the hosts of service "api""#))
  }

  @Test(arguments: [
    (#"name = "web 1""#, 2), (#"name = "web1:22""#, 2), (#"name = "web*""#, 2),
    (#"name = "web""# + "\nmembers = [\"a/b\"]", 3),
  ])
  func aBadHostNameIsAnError(_ body: String, _ line: Int) throws {
    let e = try error("[[host]]\n" + body + "\n")
    #expect(e.line == line)
    #expect(e.problem.hasSuffix("is not a host name"))
  }

  @Test func groupsDoNotNestAndNamesAreUnique() throws {
    let nested = try error(
      """
      [[host]]
      name = "web"
      members = ["web1"]

      [[host]]
      name = "all"
      members = ["web", "db1"]
      """)
    #expect(nested.line == 7)
    #expect(nested.problem == #"member "web" is itself a group"#)
    let twice = try error("[[host]]\nname = \"web1\"\n[[host]]\nname = \"web1\"\n")
    #expect(twice.line == 4)
    #expect(twice.problem == #"host "web1" is defined twice (first on line 2)"#)
  }

  @Test func aHostWithoutANameOrAsATableIsAnError() throws {
    #expect(try error("[[host]]\nmembers = [\"a\"]\n").problem == "[[host]] without a name")
    #expect(try error("[host]\nname = \"a\"\n").problem == "[host] should be a list of tables")
    #expect(
      try error("[[host]]\nname = \"a\"\nmember = [\"b\"]\n").fix == "did you mean `members`?")
  }
}
