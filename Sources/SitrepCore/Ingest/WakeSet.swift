import CEpoll
import Glibc

/// One descriptor that becomes readable when any of several does (epoll), so the run loops keep
/// polling a single `SourceSet.wakeDescriptor` whether the news comes from inotify or from a
/// command's pipes. Level-triggered: it stays readable while a member has unread data.
final class WakeSet {
  let descriptor: Int32
  private var members: Set<Int32> = []

  init?() {
    let descriptor = epoll_create1(Int32(EPOLL_CLOEXEC))
    guard descriptor >= 0 else { return nil }
    self.descriptor = descriptor
  }

  deinit { close(descriptor) }

  func add(_ fd: Int32) {
    guard fd >= 0, !members.contains(fd) else { return }
    var event = epoll_event()
    event.events = EPOLLIN.rawValue
    event.data.fd = fd
    if epoll_ctl(descriptor, EPOLL_CTL_ADD, fd, &event) == 0 { members.insert(fd) }
  }

  /// Before the descriptor is closed: a closed one would otherwise linger while a copy of it
  /// lives in a child.
  func remove(_ fd: Int32) {
    guard members.remove(fd) != nil else { return }
    var event = epoll_event()
    _ = epoll_ctl(descriptor, EPOLL_CTL_DEL, fd, &event)
  }
}
