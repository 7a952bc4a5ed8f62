/// Which inotify watch belongs to which followed file or directory. Without inotify every call is
/// a no-op that reports "not watched", and the set falls back to stat polling.
final class WatchRegistry {
  let watcher: InotifyWatcher?
  private var filesByWatch: [Int32: Set<FileID>] = [:]
  private var directoriesByWatch: [Int32: String] = [:]
  private var watchByDirectory: [String: Int32] = [:]

  init(useInotify: Bool) {
    watcher = useInotify ? InotifyWatcher() : nil
  }

  var descriptor: Int32 { watcher?.descriptor ?? -1 }
  var isActive: Bool { watcher != nil }

  /// Watches the inode now at `path` on behalf of `file`.
  func watchFile(_ path: String, mask: UInt32, for file: FileID) -> Int32? {
    guard let watcher, let watch = watcher.watch(path, mask: mask) else { return nil }
    filesByWatch[watch, default: []].insert(file)
    return watch
  }

  /// Drops `file`'s interest in a watch; the watch goes when nobody needs it.
  func release(_ watch: Int32, for file: FileID) {
    guard var files = filesByWatch[watch] else { return }
    files.remove(file)
    if files.isEmpty {
      filesByWatch[watch] = nil
      watcher?.remove(watch)
    } else {
      filesByWatch[watch] = files
    }
  }

  /// Watches a directory for entries appearing; true when it is (or already was) watched.
  @discardableResult
  func watchDirectory(_ directory: String) -> Bool {
    if watchByDirectory[directory] != nil { return true }
    guard let watcher, let watch = watcher.watch(directory, mask: InotifyWatcher.directoryMask)
    else { return false }
    watchByDirectory[directory] = watch
    directoriesByWatch[watch] = directory
    return true
  }

  func isWatched(directory: String) -> Bool { watchByDirectory[directory] != nil }

  /// What woke us up, decoded into the files and directories it concerns.
  enum Wake {
    case files(Set<FileID>)
    case directoryEntry(directory: String, name: String?)
    case everything
  }

  func drain(_ handle: (Wake) -> Void) {
    watcher?.drain { change in
      if change.mask & InotifyWatcher.overflow != 0 {
        handle(.everything)
        return
      }
      if let files = filesByWatch[change.watch] {
        handle(.files(files))
        if change.mask & InotifyWatcher.ignored != 0 { filesByWatch[change.watch] = nil }
      }
      if let directory = directoriesByWatch[change.watch] {
        if change.mask & InotifyWatcher.ignored != 0 {
          // The directory itself went away; forget it so it is watched again when it returns.
          directoriesByWatch[change.watch] = nil
          watchByDirectory[directory] = nil
          handle(.everything)
        } else {
          handle(.directoryEntry(directory: directory, name: change.name))
        }
      }
    }
  }
}
