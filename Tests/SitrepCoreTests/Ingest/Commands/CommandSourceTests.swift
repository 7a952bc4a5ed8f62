import Foundation
import Glibc
import Testing

@testable import SitrepCore

/// A command's stdout followed like a file, through `SourceSet`: its lines, its stderr and exit,
/// restarts without counting a backlog twice, the wake descriptor, and no child left behind.
@Suite(.serialized) struct CommandSourceTests {
  static func options(backoff: Double = 0.05) -> FollowOptions {
    var o = FollowOptions(quietSeconds: 0.2)
    o.commandBackoff = CommandBackoff(initialSeconds: backoff, maxSeconds: 1, healthySeconds: 30)
    o.commandReadSeconds = 5
    return o
  }

  static func set(_ argv: [String], options: FollowOptions = options()) -> SourceSet {
    var spec = SourceSpec(pattern: "cmd")
    spec.command = .argv(argv)
    return SourceSet(specs: [spec], options: options)
  }

  /// Pumps, waiting in poll(2) on the wake descriptor as the run loops do, until `done` holds or
  /// 10 s pass. Returns the lines seen.
  @discardableResult
  static func follow(
    _ set: SourceSet, lines: inout [String], until done: (SourceSet, [String]) -> Bool
  ) -> Bool {
    let deadline = wallNow() + 10
    while wallNow() < deadline {
      set.pump(now: wallNow()) { item in
        if case .line(_, let bytes, _) = item {
          lines.append(String(decoding: bytes, as: UTF8.self))
        }
      }
      if done(set, lines) { return true }
      let timeout = set.nextTimeoutMs(now: wallNow())
      var fd = pollfd(fd: set.wakeDescriptor, events: Int16(POLLIN), revents: 0)
      _ = poll(&fd, 1, timeout < 0 ? 200 : min(timeout, 200))
    }
    return false
  }

  @Test func linesArriveThroughTheWakeDescriptor() {
    let set = Self.set(["/bin/sh", "-c", "printf 'one\\ntwo\\nthree\\n'; exec sleep 30"])
    defer { set.stopCommands() }
    #expect(set.wakeDescriptor >= 0)
    var lines: [String] = []
    #expect(Self.follow(set, lines: &lines) { _, l in l.count == 3 })
    #expect(lines == ["one", "two", "three"])
    let status = set.statuses[0]
    #expect(status.state == .following)
    #expect(status.lines == 3 && status.bytesRead == 14)
    #expect(status.command == ["/bin/sh", "-c", "printf 'one\\ntwo\\nthree\\n'; exec sleep 30"])
  }

  @Test func itsStderrAndExitAreShownAndItIsRestartedWithBackoff() {
    let set = Self.set(["/bin/sh", "-c", "echo out; echo 'ssh: connect refused' >&2; exit 255"])
    defer { set.stopCommands() }
    var lines: [String] = []
    #expect(Self.follow(set, lines: &lines) { set, _ in set.statuses[0].restarts >= 2 })
    let status = set.statuses[0]
    #expect(status.lastExit == "sh exited with status 255")
    #expect(status.stderrTail.last == "ssh: connect refused")
    guard case .failing(let why) = status.state else {
      Issue.record("state \(status.state)")
      return
    }
    #expect(why.hasPrefix("sh exited with status 255: ssh: connect refused; retrying in"))
    #expect(status.trouble == why)
    // Each run printed "out" once; a restart's line equal to the last one read is the backlog
    // sent again, skipped.
    #expect(lines == ["out"])
  }

  @Test func aSignalIsNamed() {
    let set = Self.set(["/bin/sh", "-c", "kill -9 $$"])
    defer { set.stopCommands() }
    var lines: [String] = []
    #expect(Self.follow(set, lines: &lines) { set, _ in set.statuses[0].lastExit != nil })
    #expect(set.statuses[0].lastExit?.hasPrefix("sh killed by signal 9") == true)
  }

  @Test func aRestartedTailSkipsTheBacklogItAlreadySent() throws {
    let dir = TemporaryDirectory()
    let log = dir.file("app.log")
    FileOps.write(log, "a\nb\nc\n")
    // Like `tail -n 3 FILE` that is cut off: each run sends the last three lines and ends.
    let set = Self.set(["/usr/bin/tail", "-n", "3", log])
    defer { set.stopCommands() }
    var lines: [String] = []
    #expect(Self.follow(set, lines: &lines) { set, _ in set.statuses[0].restarts >= 1 })
    FileOps.append(log, "d\ne\n")
    #expect(Self.follow(set, lines: &lines) { _, l in l.count >= 5 })
    #expect(Self.follow(set, lines: &lines) { set, _ in set.statuses[0].restarts >= 3 })
    #expect(lines == ["a", "b", "c", "d", "e"])
  }

  @Test func aProgramThatIsNotInstalledSaysSo() {
    let set = Self.set(["/nonexistent/sitrep-no-such-program"])
    defer { set.stopCommands() }
    var lines: [String] = []
    #expect(Self.follow(set, lines: &lines) { set, _ in set.statuses[0].lastExit != nil })
    let exit = set.statuses[0].lastExit ?? ""
    #expect(exit.contains("sitrep-no-such-program"), "\(exit)")
    if case .failing = set.statuses[0].state {} else { Issue.record("not failing") }
  }

  @Test func stoppingKillsTheWholeGroupAndReapsIt() throws {
    let dir = TemporaryDirectory()
    let pids = dir.file("pids")
    // sh starts a grandchild that ignores SIGTERM: SIGKILL to the group must still end it.
    let set = Self.set([
      "/bin/sh", "-c",
      "sh -c 'trap \"\" TERM; echo $$ > \(pids); exec sleep 60' & echo ready; wait",
    ])
    var lines: [String] = []
    #expect(Self.follow(set, lines: &lines) { _, l in l == ["ready"] })
    #expect(
      Self.follow(set, lines: &lines) { _, _ in FileManager.default.fileExists(atPath: pids) })
    let grandchild = try #require(
      Int32(
        (try String(contentsOfFile: pids, encoding: .utf8)).trimmingCharacters(
          in: .whitespacesAndNewlines)
      ))
    set.stopCommands()
    #expect(LiveChildren.running == 0)
    // Gone, not a zombie of ours: kill(2) finds no such process once init reaped it.
    let deadline = wallNow() + 5
    while kill(grandchild, 0) == 0 && wallNow() < deadline { usleep(10_000) }
    #expect(kill(grandchild, 0) != 0)
  }

  @Test func aHeadlessReadEndsWithTheCommandOrAtItsBound() {
    let finite = Self.set(["/bin/sh", "-c", "seq 1 500"])
    var count = 0
    finite.readOnce(now: wallNow()) { if $0.isLine { count += 1 } }
    #expect(count == 500)
    #expect(finite.statuses[0].state == .done)
    #expect(finite.statuses[0].stoppedEarly == nil)

    var options = Self.options()
    options.commandReadSeconds = 0.3
    let endless = Self.set(["/bin/sh", "-c", "echo first; exec sleep 60"], options: options)
    var lines = 0
    let started = wallNow()
    endless.readOnce(now: wallNow()) { if $0.isLine { lines += 1 } }
    #expect(wallNow() - started < 3)
    #expect(lines == 1)
    #expect(endless.statuses[0].stoppedEarly?.hasPrefix("still running after") == true)
    #expect(LiveChildren.running == 0)

    let failing = Self.set(["/bin/sh", "-c", "echo 'no such unit' >&2; exit 1"])
    failing.readOnce(now: wallNow()) { _ in }
    if case .failing(let why) = failing.statuses[0].state {
      #expect(why == "sh exited with status 1: no such unit")
    } else {
      Issue.record("state \(failing.statuses[0].state)")
    }
  }

  @Test func aPartialLastLineIsGivenWhenTheCommandEnds() {
    let set = Self.set(["/bin/sh", "-c", "printf 'whole\\npart'"])
    var seen: [(String, LineFlags)] = []
    set.readOnce(now: wallNow()) {
      if case .line(_, let b, let f) = $0 { seen.append((String(decoding: b, as: UTF8.self), f)) }
    }
    #expect(seen.map(\.0) == ["whole", "part"])
    #expect(seen.last?.1.contains(.partial) == true)
  }
}

/// A remote file named twice (a path and a glob that lists it, or two spellings in config) is
/// one source, read once, listed with both names.
@Suite struct RemoteFileNamedTwiceTests {
  @Test func theSameHostAndPathIsOneSource() {
    var options = CommandSourceTests.options()
    // No ssh is wanted here: a stand-in that fails at once.
    options.ssh = ["/bin/false"]
    var a = SourceSpec(pattern: "web1:/var/log/a.log")
    a.command = .remoteFile(host: "web1", path: "/var/log/a.log")
    var b = SourceSpec(pattern: "web1:/var/log/./a.log-as-config-wrote-it")
    b.command = .remoteFile(host: "web1", path: "/var/log/a.log")
    let set = SourceSet(specs: [a, b], options: options)
    defer { set.stopCommands() }
    let statuses = set.statuses
    #expect(statuses.count == 1)
    #expect(statuses.first?.namedBy == [a.pattern, b.pattern])
    #expect(statuses.first?.host == "web1")
  }
}
