import Glibc

/// One inotify instance. Its descriptor goes into the caller's poll(2) set; it becomes readable only
/// when something changed, so an idle follower costs nothing.
final class InotifyWatcher {
  struct Change {
    var watch: Int32
    var mask: UInt32
    /// The entry's name for events on a watched directory.
    var name: String?
  }

  /// Events on a followed file: appended to, attributes (unlink changes the link count), renamed,
  /// deleted.
  static let fileMask = UInt32(IN_MODIFY | IN_ATTRIB | IN_MOVE_SELF | IN_DELETE_SELF)
  /// Snapshot files are rewritten whole: act when the writer closes, not on every write(2).
  static let snapshotMask = UInt32(IN_CLOSE_WRITE | IN_ATTRIB | IN_MOVE_SELF | IN_DELETE_SELF)
  /// Parent directories: a file appearing (created, or renamed into place) like GNU tail; moves and
  /// deletions make rotation visible at once too.
  static let directoryMask = UInt32(
    IN_CREATE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_ONLYDIR)
  static let overflow = UInt32(IN_Q_OVERFLOW)
  static let ignored = UInt32(IN_IGNORED)

  let descriptor: Int32
  private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 8)

  init?() {
    let descriptor = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    guard descriptor >= 0 else {
      buffer.deallocate()
      return nil
    }
    self.descriptor = descriptor
  }

  deinit {
    close(descriptor)
    buffer.deallocate()
  }

  /// Adds (or updates) a watch; the kernel returns the same id for the same inode.
  func watch(_ path: String, mask: UInt32) -> Int32? {
    let watch = inotify_add_watch(descriptor, path, mask)
    return watch >= 0 ? watch : nil
  }

  func remove(_ watch: Int32) { _ = inotify_rm_watch(descriptor, watch) }

  /// Reads every queued event without blocking.
  func drain(_ handle: (Change) -> Void) {
    guard let base = buffer.baseAddress else { return }
    while true {
      let count = read(descriptor, base, buffer.count)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return }
      var offset = 0
      let headerSize = 16  // int wd; uint32 mask, cookie, len
      while offset + headerSize <= count {
        let watch = base.loadUnaligned(fromByteOffset: offset, as: Int32.self)
        let mask = base.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
        let nameLength = Int(base.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
        var name: String?
        if nameLength > 0 && offset + headerSize + nameLength <= count {
          let bytes = UnsafeRawBufferPointer(
            start: base + offset + headerSize, count: nameLength
          ).prefix { $0 != 0 }
          name = String(decoding: bytes, as: UTF8.self)
        }
        handle(Change(watch: watch, mask: mask, name: name))
        offset += headerSize + nameLength
      }
    }
  }
}
