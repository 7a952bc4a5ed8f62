import Testing

@testable import SitrepCore

@Suite struct CommandArgvTests {
  func builder(_ options: FollowOptions = FollowOptions(), ssh: [String] = ["ssh"]) -> CommandArgv {
    CommandArgv(
      ssh: ssh, controlDirectory: "/run/user/0/sitrep-ssh", options: options, now: 1_000_000)
  }

  @Test func aRemoteFileIsTailFOverSshWithNoPromptsAndASharedConnection() {
    let argv = builder(ssh: ["ssh", "-F", "/etc/sitrep/ssh_config"]).argv(
      for: .remoteFile(host: "web1", path: "/var/log/my app/access.log"), live: true)
    #expect(Array(argv.prefix(3)) == ["ssh", "-F", "/etc/sitrep/ssh_config"])
    #expect(argv.contains("BatchMode=yes"))
    #expect(argv.contains("ControlMaster=auto"))
    #expect(argv.contains("ControlPersist=60"))
    #expect(argv.contains { $0.hasPrefix("ControlPath=/run/user/0/sitrep-ssh/") })
    #expect(
      Array(argv.suffix(3)) == [
        "--", "web1", "exec tail -F -n 65536 -- '/var/log/my app/access.log'",
      ])
  }

  @Test func fromStartReadsFromLineOneAndAHeadlessReadDoesNotFollow() {
    var options = FollowOptions()
    options.fromStart = true
    let live = builder(options).argv(for: .remoteFile(host: "h", path: "/a.log"), live: true)
    #expect(live.last == "exec tail -F -n +1 -- /a.log")
    let once = builder(FollowOptions(backfillBytes: 1 << 10)).argv(
      for: .remoteFile(host: "h", path: "~/a b.log"), live: false)
    #expect(once.last == "exec tail -n 1000 -- ~/'a b.log'")
  }

  @Test func oneControlSocketPerHostShortEnoughForAnyName() {
    let b = builder()
    let long = String(repeating: "h", count: 300)
    #expect(b.controlPath(host: "web1") == b.controlPath(host: "web1"))
    #expect(b.controlPath(host: "web1") != b.controlPath(host: "web2"))
    #expect(b.controlPath(host: long).utf8.count < 108)
    #expect(!b.controlPath(host: "a%h").dropFirst(b.controlDirectory.count).contains("%"))
  }

  @Test func aGlobIsListedRemotelyNulSeparated() {
    let argv = builder().listing(host: "web1", pattern: "/var/log/my app/*.log")
    let remote = try! #require(argv.last)
    #expect(remote.hasPrefix("exec sh -c "))
    #expect(remote.contains(#"printf '\''%s\0'\''"#))
    #expect(remote.contains(#"'\''/var/log/my app/'\''*.log"#))
  }

  @Test func journalAndDocker() {
    var options = FollowOptions()
    options.backfillSeconds = 600
    let b = builder(options)
    #expect(
      b.argv(for: .journal(host: nil, unit: "nginx"), live: true) == [
        "journalctl", "--no-pager", "-o", "json", "-f", "--since", "@999400",
        "_SYSTEMD_UNIT=nginx.service", "+", "SYSLOG_IDENTIFIER=nginx",
      ])
    let remote = b.argv(for: .journal(host: "db1", unit: "postgresql.service"), live: false)
    #expect(remote.suffix(2).first == "db1")
    #expect(
      remote.last
        == "exec journalctl --no-pager -o json --since @999400 _SYSTEMD_UNIT=postgresql.service + SYSLOG_IDENTIFIER=postgresql"
    )
    #expect(
      b.argv(for: .docker(name: "api"), live: true) == [
        "docker", "logs", "--timestamps", "--follow", "--since", "999400", "--", "api",
      ])
    #expect(
      builder().argv(for: .docker(name: "api"), live: false) == [
        "docker", "logs", "--timestamps", "--tail", "65536", "--", "api",
      ])
  }

  @Test func sitrepSshSplitsOnBlanks() {
    #expect(CommandArgv.ssh(environment: nil) == ["ssh"])
    #expect(CommandArgv.ssh(environment: "  ") == ["ssh"])
    #expect(CommandArgv.ssh(environment: "ssh -F /x/cfg") == ["ssh", "-F", "/x/cfg"])
  }

  @Test func backoffDoublesToAMinuteAndResetsAfterAHealthyRun() {
    var b = CommandBackoff()
    let delays = (0..<9).map { _ in b.delay(afterRunOf: 0.5) }
    #expect(delays == [1, 2, 4, 8, 16, 32, 60, 60, 60])
    #expect(b.delay(afterRunOf: 45) == 1)
    #expect(b.delay(afterRunOf: 1) == 2)
  }
}
