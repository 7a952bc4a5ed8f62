import Foundation
import Testing

/// Celery stamps carry no zone. Read in the host's zone, a job from a container logging UTC
/// vanished from `report` under TZ=America/New_York (five hours in the future) and was an hour
/// stale under TZ=Europe/Berlin. The zone is now inferred from a live file, can be given with
/// `--tz`, and every source says which it got.
@Suite struct TimeZoneEndToEndTests {
  static func celeryLog(endingAt end: Double, offset: Int) -> String {
    var lines: [String] = []
    for (i, t) in [end - 120, end - 60, end - 5].enumerated() {
      let id = "0b9e5d2c-3f41-4c1e-9a1a-5c6f2d8e7a1\(i)"
      lines.append("[\(stamp(t, offset)): INFO/MainProcess] Task tasks.sync[\(id)] received")
      lines.append(
        i == 2
          ? "[\(stamp(t + 1, offset)): ERROR/ForkPoolWorker-1] Task tasks.sync[\(id)] raised unexpected: KeyError('sku')"
          : "[\(stamp(t + 1, offset)): INFO/ForkPoolWorker-1] Task tasks.sync[\(id)] succeeded in 0.5s: None"
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `2026-11-24 14:02:31,000` in the wall-clock time of `offset`.
  static func stamp(_ t: Double, _ offset: Int) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(secondsFromGMT: offset)
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss,SSS"
    return formatter.string(from: Date(timeIntervalSince1970: t))
  }

  static func write(_ text: String) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-tz-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    let path = dir + "/worker.log"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  static func report(_ arguments: [String], tz: String) throws -> [String: Any] {
    var env = CommandRunner.baseEnvironment()
    env["TZ"] = tz
    let result = try CommandRunner.sitrep(["report", "--json"] + arguments, environment: env)
    #expect(result.status == 0, "stderr: \(result.stderr)")
    return try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
  }

  static func job(_ root: [String: Any]) -> [String: Any]? {
    (root["jobs"] as? [[String: Any]])?.first { $0["name"] as? String == "tasks.sync" }
  }

  static func source(_ root: [String: Any]) -> [String: Any]? {
    (root["sources"] as? [[String: Any]])?.first
  }

  @Test(arguments: ["Europe/Berlin", "America/New_York", "Asia/Kolkata"])
  func aUTCContainerLogIsReadRightWhateverTheHostZone(_ tz: String) throws {
    let now = Date().timeIntervalSince1970
    let path = try Self.write(Self.celeryLog(endingAt: now, offset: 0))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let at = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: now))
    let root = try Self.report(["--at", at, path], tz: tz)
    let job = try #require(Self.job(root), "the job vanished under TZ=\(tz)")
    #expect(job["failures"] as? Int == 1)
    #expect(job["last_outcome"] as? String == "failure")
    #expect(job["status"] as? String == "failing")
    let source = try #require(Self.source(root))
    #expect(source["time_zone"] as? String == "UTC")
    #expect(source["time_zone_from"] as? String == "inferred from file time")
    #expect(source["future"] as? Int == 0)
  }

  @Test func theTzFlagIsTakenAndShown() throws {
    let now = Date().timeIntervalSince1970
    let path = try Self.write(Self.celeryLog(endingAt: now, offset: 7200))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let root = try Self.report(["--tz", "+02:00", path], tz: "America/New_York")
    #expect(Self.job(root)?["failures"] as? Int == 1)
    let source = try #require(Self.source(root))
    #expect(source["time_zone"] as? String == "+02:00")
    #expect(source["time_zone_from"] as? String == "flag")
  }

  @Test func aSourceZoneFromConfigIsTakenAndShown() throws {
    let now = Date().timeIntervalSince1970
    let path = try Self.write(Self.celeryLog(endingAt: now, offset: -5 * 3600))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let config = path + ".toml"
    try "[[source]]\npath = \"\(path)\"\ntz = \"-05:00\"\n".write(
      toFile: config, atomically: true, encoding: .utf8)
    let root = try Self.report(["-c", config], tz: "Europe/Berlin")
    #expect(Self.job(root)?["failures"] as? Int == 1)
    let source = try #require(Self.source(root))
    #expect(source["time_zone"] as? String == "-05:00")
    #expect(source["time_zone_from"] as? String == "config")
  }

  @Test func aBadZoneInConfigIsRefusedWithItsLine() throws {
    let path = try Self.write("")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let config = path + ".toml"
    try "[[source]]\npath = \"\(path)\"\ntz = \"Berlin\"\n".write(
      toFile: config, atomically: true, encoding: .utf8)
    let result = try CommandRunner.sitrep(["report", "-c", config])
    #expect(result.status != 0)
    #expect(result.stderr.contains(config + ":3: tz = \"Berlin\" is not a time zone"))
    #expect(result.stderr.contains("Europe/Berlin"))
  }

  @Test func aBadTzFlagIsRefused() throws {
    let path = try Self.write("")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let result = try CommandRunner.sitrep(["report", "--tz", "Mars/Olympus", path])
    #expect(result.status != 0)
    #expect(result.stderr.contains("--tz takes"))
    #expect(result.stderr.contains("Mars/Olympus"))
  }

  /// A July log read in November under Europe/Berlin: each line takes July's offset (+02:00), not
  /// the one in force when sitrep started (+01:00). The file is old, so the host zone is assumed,
  /// and the text report says so.
  @Test func aSummerLogReadInWinterTakesTheSummerOffset() throws {
    let july = 1_784_116_800.0  // 2026-07-15T12:00:00Z
    let path = try Self.write(Self.celeryLog(endingAt: july, offset: 7200))
    defer { try? FileManager.default.removeItem(atPath: path) }
    try FileManager.default.setAttributes(
      [.modificationDate: Date(timeIntervalSince1970: july)], ofItemAtPath: path)
    let root = try Self.report(["--at", "2026-07-15T12:00:30Z", path], tz: "Europe/Berlin")
    let job = try #require(Self.job(root), "the July job landed an hour in the future")
    #expect((job["last_run_at"] as? String)?.hasPrefix("2026-07-15T11:59:56") == true)
    let source = try #require(Self.source(root))
    #expect(source["time_zone_from"] as? String == "host zone")
    #expect(source["time_zone"] as? String == "Europe/Berlin")
    var env = CommandRunner.baseEnvironment()
    env["TZ"] = "Europe/Berlin"
    let text = try CommandRunner.sitrep(
      ["report", "--at", "2026-07-15T12:00:30Z", path], environment: env)
    #expect(text.stdout.contains("times read as Europe/Berlin (host zone)"))
  }
}
