import Glibc

/// What makes two names one file: its device and inode when it exists (a symlink and its target,
/// hard links, `./x.log` and `x.log`), else its normalised absolute path. The same file named
/// twice (in config and on the command line, by two globs, through a symlink) is read once.
enum FileIdentity: Hashable {
  case inode(device: UInt64, inode: UInt64)
  case path(String)

  init(of path: String) {
    if case .found(let info) = FileSystem.info(path: path) {
      self = .inode(device: info.device, inode: info.inode)
    } else {
      self = .path(Self.normalised(path))
    }
  }

  /// Absolute, with `.`, `..` and repeated slashes resolved by their text (the file does not
  /// exist, so there are no links to follow).
  static func normalised(_ path: String, workingDirectory: String? = nil) -> String {
    let absolute =
      path.hasPrefix("/") ? path : (workingDirectory ?? currentDirectory()) + "/" + path
    var parts: [Substring] = []
    for part in absolute.split(separator: "/", omittingEmptySubsequences: true) {
      switch part {
      case ".": continue
      case "..": if !parts.isEmpty { parts.removeLast() }
      default: parts.append(part)
      }
    }
    return "/" + parts.joined(separator: "/")
  }

  private static func currentDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return "" }
    return String(cString: buffer)
  }
}
