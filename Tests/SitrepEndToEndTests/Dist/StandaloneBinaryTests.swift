import Foundation
import Testing

/// Issue 16: the binary in the release tarball runs on a box without Swift. Each test runs it in a
/// mount namespace where the toolchain's folders are empty, and compares its answers with the
/// goldens the development build is held to.
@Suite(
  .enabled(
    if: DistTarball.path != nil,
    "set SITREP_DIST_TARBALL to a tarball from scripts/dist (scripts/test does)"))
struct StandaloneBinaryTests {
  /// The libraries every Debian and Ubuntu box has; nothing else may be loaded.
  static let systemLibraries: Set<String> = [
    "linux-vdso.so.1", "libncursesw.so.6", "libtinfo.so.6", "libm.so.6", "libz.so.1",
    "libstdc++.so.6", "libgcc_s.so.1", "libc.so.6", "ld-linux-x86-64.so.2",
    "ld-linux-aarch64.so.1",
  ]

  @Test func lddListsOnlySystemLibraries() throws {
    let result = try CommandRunner.run("/usr/bin/env", ["ldd", try DistTarball.binary()])
    #expect(result.status == 0, "ldd: \(result.stderr)")
    let libraries = result.stdout.split(separator: "\n").compactMap { line in
      line.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
    }
    #expect(!libraries.isEmpty)
    for library in libraries {
      let name = URL(fileURLWithPath: library).lastPathComponent
      #expect(Self.systemLibraries.contains(name), "loads \(library)")
    }
    for folder in WithoutToolchain.hiddenFolders {
      #expect(!result.stdout.contains(folder), "ldd resolves into the toolchain:\n\(result.stdout)")
    }
  }

  /// The control: the development build, linked against the toolchain, cannot start in the same
  /// namespace. Without this, a namespace that hid nothing would let every other test pass.
  @Test func theDynamicBuildFailsWhereTheToolchainIsHidden() throws {
    let result = try WithoutToolchain.run([SitrepBinary.path, "--version"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("error while loading shared libraries"), "\(result.stderr)")
  }

  @Test func versionNamesTheReleaseAndTheCommit() throws {
    let result = try WithoutToolchain.run([try DistTarball.binary(), "--version"])
    #expect(result.status == 0, "stderr: \(result.stderr)")
    #expect(result.stdout.hasPrefix(try VersionTests.expectedPrefix()), "\(result.stdout)")
  }

  @Test func reportWithoutTheToolchainMatchesTheGolden() throws {
    let files = try DemoFiles.make()
    defer { files.remove() }
    let result = try WithoutToolchain.run(
      [try DistTarball.binary(), "report", "--json", "--at", ReportGoldenTests.at] + files.paths,
      environment: CommandRunner.baseEnvironment())
    #expect(result.status == 0, "stderr: \(result.stderr)")
    try Golden.expectMatches(
      ReportGoldenTests.normalised(result.stdout, files), name: "report.json")
  }

  @Test func checkWithoutTheToolchainGivesTheDevelopmentBuildsAnswer() throws {
    let files = try DemoFiles.make()
    defer { files.remove() }
    let arguments = ["check", "--since-deploy", "--at", ReportGoldenTests.at] + files.paths
    let shipped = try WithoutToolchain.run(
      [try DistTarball.binary()] + arguments, environment: CommandRunner.baseEnvironment())
    let development = try CommandRunner.sitrep(arguments)
    #expect(shipped.stdout.hasPrefix("SITREP "), "\(shipped.stdout) \(shipped.stderr)")
    #expect(shipped.status == development.status)
    #expect(shipped.stdout == development.stdout)
  }

  @Test func dashboardDrawsItsFirstFrameWithoutTheToolchain() throws {
    let files = try DemoFiles.make()
    defer { files.remove() }
    let command = WithoutToolchain.shellLine([try DistTarball.binary()] + files.paths)
    let tmux = try TmuxSession(
      command: "\(command); echo EXITED $?", width: 120, height: 40,
      environment: ["TZ": "UTC", "LANG": "C.UTF-8"])
    defer { tmux.kill() }
    try tmux.waitFor("the dashboard's panels") { screen in
      screen.contains("┌ Services") && screen.contains("┌ Jobs") && screen.contains("api")
    }
    try tmux.send("q")
    try tmux.waitFor(text: "EXITED 0")
    try tmux.expectTerminalRestored()
  }
}
