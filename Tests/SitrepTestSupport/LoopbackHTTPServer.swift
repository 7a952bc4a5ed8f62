import Foundation
import Glibc

/// A tiny HTTP server of the tests' own (shared by the core and end-to-end tests) on 127.0.0.1 (a port the kernel picks): each connection's
/// request is read to its blank line and answered by `respond` with raw bytes, written in the
/// pieces it gives, with a pause before each when asked (slow servers, chunk boundaries).
public final class LoopbackHTTPServer: @unchecked Sendable {
  public struct Reply {
    public var pieces: [[UInt8]]
    public var pauseBeforeEach: Double = 0

    public init(_ raw: String, pauseBeforeEach: Double = 0) {
      pieces = [Array(raw.utf8)]
      self.pauseBeforeEach = pauseBeforeEach
    }

    public init(pieces: [String], pauseBeforeEach: Double = 0) {
      self.pieces = pieces.map { Array($0.utf8) }
      self.pauseBeforeEach = pauseBeforeEach
    }

    public init(bytes: [[UInt8]]) { pieces = bytes }

    /// A complete response with a Content-Length.
    public static func json(_ body: String, status: Int = 200) -> Reply {
      Reply(
        "HTTP/1.1 \(status) X\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
      )
    }
  }

  public let port: UInt16
  private let listener: Int32
  private let respond: @Sendable (String) -> Reply
  private let lock = NSLock()
  private var _requests: [String] = []
  private var stopped = false

  /// The request heads received, in order.
  public var requests: [String] { lock.withLock { _requests } }

  public init(respond: @escaping @Sendable (_ requestHead: String) -> Reply) throws {
    self.respond = respond
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var one: Int32 = 1
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    let bound = withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard bound == 0, listen(listener, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &len) }
    }
    self.listener = listener
    port = UInt16(bigEndian: addr.sin_port)
    let thread = Thread { [self] in acceptLoop() }
    thread.start()
  }

  /// Once: a second close could close a descriptor another test has opened since.
  public func stop() {
    let first = lock.withLock { () -> Bool in
      defer { stopped = true }
      return !stopped
    }
    guard first else { return }
    // Only the accept thread closes the listener, and stop waits for it: closed here, its number
    // could be reused by another test's socket before that thread calls accept on it.
    shutdown(listener, Int32(SHUT_RDWR))
    closed.wait()
  }

  private let closed = DispatchSemaphore(value: 0)

  deinit { stop() }

  private func acceptLoop() {
    defer {
      close(listener)
      closed.signal()
    }
    while !lock.withLock({ stopped }) {
      let fd = accept(listener, nil, nil)
      if fd < 0 {
        if errno == EINTR { continue }
        // Shut down by `stop`, or broken: either way no more connections.
        while !lock.withLock({ stopped }) { usleep(1000) }
        return
      }
      let thread = Thread { [self] in serve(fd) }
      thread.start()
    }
  }

  private func serve(_ fd: Int32) {
    defer { close(fd) }
    var head: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while !head.suffix(4).elementsEqual([13, 10, 13, 10]) {
      let n = read(fd, &buffer, buffer.count)
      if n <= 0 { return }
      head += buffer[0..<n]
    }
    let text = String(decoding: head, as: UTF8.self)
    lock.withLock { _requests.append(text) }
    let reply = respond(text)
    for piece in reply.pieces {
      if reply.pauseBeforeEach > 0 { usleep(UInt32(reply.pauseBeforeEach * 1_000_000)) }
      var sent = 0
      while sent < piece.count {
        let n = piece.withUnsafeBytes {
          send(fd, $0.baseAddress! + sent, piece.count - sent, Int32(MSG_NOSIGNAL))
        }
        if n <= 0 { return }
        sent += n
      }
    }
  }
}
