import Glibc

/// A file this source already read, by (device, inode), and how far: a path whose symlink is
/// switched away and back (log -> a.log, -> b.log, -> a.log) resumes where it was instead of
/// reading a.log again from its first byte.
struct ResumePoint {
  struct Key: Hashable {
    var device: UInt64
    var inode: UInt64
  }

  var offset: Int
  /// The last bytes read before `offset`: an inode freed and reused by a new file would resume
  /// in the middle of unrelated data, so a resume needs these bytes still there.
  var recentBytes: [UInt8]

  /// Files followed in one run are few; the oldest entries go beyond this many.
  static let maxRemembered = 64
}

extension ResumePoint.Key {
  init(_ info: FileSystem.Info) { self.init(device: info.device, inode: info.inode) }
}

extension FollowedFile {
  /// Remembers how far a descriptor being closed was read (its held partial line is emitted by
  /// then: everything up to `offset` was given).
  func rememberResumePoint(_ open: OpenFile) {
    guard open.info.isRegular, !open.isCompressed, open.offset > 0 else { return }
    let key = ResumePoint.Key(open.info)
    resumePoints[key] = ResumePoint(offset: open.offset, recentBytes: open.recentBytes)
    resumeOrder.removeAll { $0 == key }
    resumeOrder.append(key)
    while resumeOrder.count > ResumePoint.maxRemembered {
      resumePoints[resumeOrder.removeFirst()] = nil
    }
  }

  /// Where to start reading a file that appeared at the path: where this source left it when it
  /// was read before and still holds those bytes, else its first byte.
  func resumeOffset(_ descriptor: Int32, _ info: FileSystem.Info) -> Int {
    let key = ResumePoint.Key(info)
    guard let point = resumePoints[key] else { return 0 }
    resumePoints[key] = nil
    resumeOrder.removeAll { $0 == key }
    guard info.size >= point.offset, point.recentBytes.count <= point.offset else { return 0 }
    var actual = [UInt8](repeating: 0, count: point.recentBytes.count)
    let got = actual.withUnsafeMutableBytes {
      FileSystem.readFully(descriptor, into: $0, at: point.offset - point.recentBytes.count)
    }
    return got == actual.count && actual == point.recentBytes ? point.offset : 0
  }

  /// A descriptor still drained for late writes that is the file now at the path again: it
  /// becomes the current one, so the file is read once, by one descriptor.
  func takeBackDrained(_ info: FileSystem.Info) -> OpenFile? {
    guard let index = draining.firstIndex(where: { $0.info.sameFile(as: info) }) else {
      return nil
    }
    return draining.remove(at: index)
  }
}
