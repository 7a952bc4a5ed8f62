import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` (the version from VERSION and the git commit) before each build of the
/// target that uses it, so `sitrep --version` names the commit it was really built from.
///
/// A prebuild command, because a build-time value has no other way into a Swift constant; the
/// script rewrites the file only when its text changes, so an unchanged tree rebuilds nothing.
@main
struct BuildInfoPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let output = context.pluginWorkDirectoryURL.appending(path: "generated")
    let package = context.package.directoryURL
    return [
      .prebuildCommand(
        displayName: "Stamping the version and commit into \(target.name)",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: [
          package.appending(path: "scripts/build-info").path, package.path,
          output.appending(path: "BuildInfo.swift").path,
        ],
        outputFilesDirectory: output)
    ]
  }
}
