import TOMLKit

/// One `[[host]]`: a machine by name, or, with `members`, a group of them.
///
///     [[host]]
///     name = "web"
///     members = ["web1", "web2"]
///
/// A source says which machine it reads with `host = "web1"`; a service says which hosts serve it
/// with `hosts = ["web"]` (a group), `["web1", "web2"]` or `["web*"]` (a glob over host names).
public struct HostConfig: Sendable, Equatable {
  public var name: String
  /// Empty for a single host.
  public var members: [String]

  public init(name: String, members: [String] = []) {
    self.name = name
    self.members = members
  }

  public var isGroup: Bool { !members.isEmpty }

  /// Whether `name` can be a host's name: `HOST:/path` splits at the colon and the name is shown
  /// in tables, so no colon, slash, space or glob character.
  static func isValidName(_ name: String) -> Bool {
    !name.isEmpty
      && !name.contains { $0 == ":" || $0 == "/" || $0.isWhitespace || "*?[]".contains($0) }
  }
}

extension SitrepConfig {
  /// Every host name the config knows: single `[[host]]`s, group members and sources' hosts.
  public var knownHosts: [String] {
    var names = Set(sources.compactMap(\.host))
    for host in hosts {
      if host.isGroup { names.formUnion(host.members) } else { names.insert(host.name) }
    }
    return names.sorted()
  }

  /// The hosts a pattern of a service's `hosts` means: a group's members, or the known hosts it
  /// names or matches as a glob.
  public func hosts(matching pattern: String) -> [String] {
    var found: Set<String> = []
    for group in hosts where group.isGroup && JobNamePattern.matches(pattern: pattern, group.name) {
      found.formUnion(group.members)
    }
    for name in knownHosts where JobNamePattern.matches(pattern: pattern, name) {
      found.insert(name)
    }
    return found.sorted()
  }

  /// The hosts expected to serve `service` (its `hosts`, resolved), sorted; empty when it says none.
  public func expectedHosts(forService service: ServiceConfig) -> [String] {
    Set(service.hosts.flatMap { hosts(matching: $0) }).sorted()
  }
}

extension ConfigReader {
  static let hostKeys = ["name", "members"]

  mutating func readHost(_ table: TOMLTable, index: Int) -> HostConfig? {
    let name = table["name"]?.string
    let place = ConfigPlace(
      table: "host", index: index, title: name.map { "[[host]] \"\($0)\"" } ?? "[[host]]")
    checkKeys(table, allowed: Self.hostKeys, at: place)
    guard let name = requiredName(table, at: place, example: #"name = "web1""#) else { return nil }
    guard checkHostName(name, key: "name", at: place) else { return nil }
    let members = names(table, "members", at: place, example: #"members = ["web1", "web2"]"#)
    for member in members where !checkHostName(member, key: "members", at: place) {
      return nil
    }
    return HostConfig(name: name, members: members)
  }

  /// Text or a list of text (host names, globs).
  mutating func names(_ table: TOMLTable, _ key: String, at place: ConfigPlace, example: String)
    -> [String]
  {
    texts(table, key, at: place, what: "name", example: example)
  }

  private mutating func checkHostName(_ name: String, key: String, at place: ConfigPlace) -> Bool {
    guard HostConfig.isValidName(name) else {
      fail(
        key, at: place, problem: "\"\(name)\" is not a host name",
        fix: "a host name has no space, colon, slash or glob character, e.g. \"web1\"")
      return false
    }
    return true
  }

  /// Names that mean two things, groups inside groups, a source on a group, a service's hosts
  /// that match nothing, a source on a host its service does not list.
  mutating func checkHosts(_ config: SitrepConfig) {
    var seen: [String: Int] = [:]
    let groups = Set(config.hosts.filter(\.isGroup).map(\.name))
    for (index, host) in config.hosts.enumerated() {
      let place = ConfigPlace(table: "host", index: index, title: "[[host]] \"\(host.name)\"")
      if let earlier = seen[host.name] {
        let line = locator.line(ofKey: "name", in: "host", index: earlier)
        fail(
          "name", at: place,
          problem: "host \"\(host.name)\" is defined twice"
            + (line.map { " (first on line \($0))" } ?? ""),
          fix: "give each [[host]] its own name; list a group's hosts in one members")
      }
      seen[host.name] = index
      for member in host.members where groups.contains(member) {
        fail(
          "members", at: place, problem: "member \"\(member)\" is itself a group",
          fix: "list the hosts of \"\(member)\" here instead; groups do not nest")
      }
    }
    let known = config.knownHosts
    for (index, source) in config.sources.enumerated() {
      let place = ConfigPlace(table: "source", index: index, title: "[[source]]")
      guard let host = source.host else { continue }
      if !HostConfig.isValidName(host) {
        _ = checkHostName(host, key: "host", at: place)
      } else if let group = config.hosts.first(where: { $0.isGroup && $0.name == host }) {
        fail(
          "host", at: place,
          problem: "host = \"\(host)\" is a group (\(group.members.joined(separator: ", ")))",
          fix: "a source reads one machine: write one [[source]] per member, e.g. host = \""
            + group.members[0] + "\"")
      } else if let service = source.service,
        let served = config.services.first(where: { $0.name == service }), !served.hosts.isEmpty,
        !config.expectedHosts(forService: served).contains(host)
      {
        fail(
          "host", at: place,
          problem: "host = \"\(host)\" is not among the hosts of service \"\(service)\" "
            + "(hosts = [\(served.hosts.map { "\"\($0)\"" }.joined(separator: ", "))])",
          fix: "add \"\(host)\" to that service's hosts, or name the right host")
      }
    }
    for (index, service) in config.services.enumerated() {
      let place = ConfigPlace(
        table: "service", index: index, title: "[[service]] \"\(service.name)\"")
      for pattern in service.hosts where config.hosts(matching: pattern).isEmpty {
        let guess = KeySuggestion.suggestion(for: pattern, among: known + groups.sorted())
        fail(
          "hosts", at: place, problem: "hosts: \"\(pattern)\" matches no host",
          fix: guess.map { "did you mean \"\($0)\"? " }
            ?? (known.isEmpty
              ? "name hosts on sources (host = \"web1\") or in [[host]] tables"
              : "known hosts: " + known.joined(separator: ", ")))
      }
    }
  }
}
