import Glibc

/// A small HTTP/1.1 GET client on plain sockets: one request per connection (`Connection:
/// close`), a deadline over the whole exchange (resolve, connect, send, receive), a bound on the
/// response's size, and redirects refused. Enough for Prometheus's HTTP API without Foundation
/// (the binary links nothing it does not need) and without TLS.
public struct HTTPGetClient: Sendable {
  /// Seconds for the whole request, connect included.
  public var timeoutSeconds: Double
  /// Responses larger than this (head and body) are refused, not read.
  public var maxResponseBytes: Int
  /// Extra request headers (`Authorization`), sent as given.
  public var headers: [(name: String, value: String)]

  public static let defaultMaxResponseBytes = 16 << 20

  public init(
    timeoutSeconds: Double = 5, maxResponseBytes: Int = HTTPGetClient.defaultMaxResponseBytes,
    headers: [(name: String, value: String)] = []
  ) {
    self.timeoutSeconds = timeoutSeconds
    self.maxResponseBytes = maxResponseBytes
    self.headers = headers
  }

  /// GETs `target` (a path and query, starting with `/`) from `base`'s host, under its prefix.
  public func get(_ base: HTTPURL, _ target: String) throws(HTTPError) -> HTTPResponse {
    let deadline = Self.monotonicNow() + timeoutSeconds
    let fd = try connect(base, deadline: deadline)
    defer { close(fd) }
    var request = "GET \(base.pathPrefix)\(target) HTTP/1.1\r\nHost: \(base.authority)\r\n"
    request += "User-Agent: sitrep\r\nAccept: application/json\r\nConnection: close\r\n"
    for h in headers { request += "\(h.name): \(h.value)\r\n" }
    request += "\r\n"
    try send(Array(request.utf8), fd: fd, deadline: deadline)
    let response = try receive(fd: fd, deadline: deadline)
    if (300..<400).contains(response.status), response.status != 304 {
      throw .redirect(status: response.status, location: response.header("location"))
    }
    return response
  }

  static func monotonicNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  /// Milliseconds left before `deadline`, for poll(2); 0 once past it.
  static func remainingMs(_ deadline: Double) -> Int32 {
    let left = (deadline - monotonicNow()) * 1000
    return left <= 0 ? 0 : Int32(saturating: left.rounded(.up))
  }

  private func connect(_ base: HTTPURL, deadline: Double) throws(HTTPError) -> Int32 {
    var hints = addrinfo()
    hints.ai_family = AF_UNSPEC
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    let rc = getaddrinfo(base.host, String(base.port), &hints, &list)
    guard rc == 0, let first = list else {
      throw .resolve(host: base.host, why: String(cString: gai_strerror(rc)))
    }
    defer { freeaddrinfo(first) }
    var lastError = "no address"
    var node: UnsafeMutablePointer<addrinfo>? = first
    while let a = node {
      node = a.pointee.ai_next
      let fd = socket(
        a.pointee.ai_family,
        Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
          | Int32(SOCK_CLOEXEC.rawValue), 0)
      guard fd >= 0 else {
        lastError = String(cString: strerror(errno))
        continue
      }
      if Glibc.connect(fd, a.pointee.ai_addr, a.pointee.ai_addrlen) == 0 { return fd }
      guard errno == EINPROGRESS else {
        lastError = "\(base.authority): \(String(cString: strerror(errno)))"
        close(fd)
        continue
      }
      var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
      let ready = poll(&p, 1, Self.remainingMs(deadline))
      if ready == 0 {
        close(fd)
        throw .timeout(seconds: timeoutSeconds, during: "connecting to \(base.authority)")
      }
      var soError: Int32 = 0
      var len = socklen_t(MemoryLayout<Int32>.size)
      getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &len)
      if ready > 0, soError == 0 { return fd }
      lastError = "\(base.authority): \(String(cString: strerror(soError != 0 ? soError : errno)))"
      close(fd)
    }
    throw .connect(lastError)
  }

  private func send(_ bytes: [UInt8], fd: Int32, deadline: Double) throws(HTTPError) {
    var sent = 0
    while sent < bytes.count {
      let n = bytes.withUnsafeBytes {
        Glibc.send(fd, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL))
      }
      if n > 0 {
        sent += n
        continue
      }
      guard n < 0, errno == EAGAIN || errno == EINTR else {
        throw .connect("sending the request: \(String(cString: strerror(errno)))")
      }
      var p = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
      if poll(&p, 1, Self.remainingMs(deadline)) == 0 {
        throw .timeout(seconds: timeoutSeconds, during: "sending the request")
      }
    }
  }

  private func receive(fd: Int32, deadline: Double) throws(HTTPError) -> HTTPResponse {
    var received: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 64 << 10)
    while true {
      var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      let ready = poll(&p, 1, Self.remainingMs(deadline))
      if ready == 0 {
        throw .timeout(
          seconds: timeoutSeconds,
          during: received.isEmpty ? "waiting for the response" : "reading the response")
      }
      if ready < 0 {
        if errno == EINTR { continue }
        throw .connect("poll: \(String(cString: strerror(errno)))")
      }
      let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress!, $0.count, 0) }
      if n < 0 {
        if errno == EAGAIN || errno == EINTR { continue }
        if errno == ECONNRESET, let r = try HTTPResponseParser.parse(received, ended: true) {
          return r
        }
        throw .connect("reading the response: \(String(cString: strerror(errno)))")
      }
      if n == 0 {
        guard let r = try HTTPResponseParser.parse(received, ended: true) else {
          throw .closedEarly
        }
        return r
      }
      received.append(contentsOf: buffer[0..<n])
      guard received.count <= maxResponseBytes else { throw .tooLarge(limit: maxResponseBytes) }
      if let r = try HTTPResponseParser.parse(received, ended: false) { return r }
    }
  }
}
