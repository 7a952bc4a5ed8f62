import Glibc

/// Starts `body` on a new, detached POSIX thread.
///
/// The model thread blocks in poll(2) for as long as the dashboard runs and sets its own signal
/// mask, so it gets a thread of its own rather than one of Dispatch's pool; and Foundation's
/// `Thread` is not in FoundationEssentials.
enum DetachedThread {
  static func start(stackBytes: Int, _ body: @escaping @Sendable () -> Void) {
    let box = Unmanaged.passRetained(Body(body)).toOpaque()
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, stackBytes)
    var thread = pthread_t()
    let started = pthread_create(
      &thread, &attributes,
      { argument in
        let body = Unmanaged<Body>.fromOpaque(argument!).takeRetainedValue()
        body.run()
        return nil
      }, box)
    if started == 0 {
      pthread_detach(thread)
    } else {
      // No thread could be made (a process limit): run here rather than never.
      Unmanaged<Body>.fromOpaque(box).takeRetainedValue().run()
    }
  }

  private final class Body: @unchecked Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
  }
}
