import Foundation

/// The release tarball that scripts/dist wrote (`SITREP_DIST_TARBALL`, set by scripts/test),
/// unpacked once into a temp folder for the tests that check what ships.
enum DistTarball {
  static let path: String? = {
    let env = ProcessInfo.processInfo.environment["SITREP_DIST_TARBALL"] ?? ""
    return env.isEmpty ? nil : env
  }()

  /// The unpacked `sitrep-VERSION-linux-ARCH/` folder.
  static let unpacked: Result<URL, E2EFailure> = {
    guard let path else { return .failure(E2EFailure("SITREP_DIST_TARBALL is not set")) }
    let into = FileManager.default.temporaryDirectory
      .appendingPathComponent("sitrep-dist-\(UUID().uuidString)")
    do {
      try FileManager.default.createDirectory(at: into, withIntermediateDirectories: true)
      let result = try CommandRunner.run("/bin/tar", ["-xzf", path, "-C", into.path])
      guard result.status == 0 else { return .failure(E2EFailure("tar: \(result.stderr)")) }
      let top = try FileManager.default.contentsOfDirectory(atPath: into.path)
      guard top.count == 1 else { return .failure(E2EFailure("tarball top level: \(top)")) }
      return .success(into.appendingPathComponent(top[0]))
    } catch {
      return .failure(E2EFailure("unpacking \(path): \(error)"))
    }
  }()

  static func folder() throws -> URL { try unpacked.get() }
  static func binary() throws -> String { try folder().appendingPathComponent("bin/sitrep").path }
}
