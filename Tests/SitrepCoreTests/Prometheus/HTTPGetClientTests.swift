import Foundation
import SitrepTestSupport
import Testing

@testable import SitrepCore

/// The GET client against a loopback server of the test's own: every way a body can end, a slow
/// server, a refused port, a redirect, a response past the bound, and bytes that are not HTTP.
@Suite struct HTTPGetClientTests {
  func base(_ server: LoopbackHTTPServer) -> HTTPURL {
    HTTPURL(host: "127.0.0.1", port: server.port)
  }

  @Test func contentLengthBodyAndTheRequestItSent() throws {
    let server = try LoopbackHTTPServer { _ in .json(#"{"ok":1}"#) }
    defer { server.stop() }
    let client = HTTPGetClient(timeoutSeconds: 5, headers: [("Authorization", "Bearer t0k")])
    let r = try client.get(base(server), "/api/v1/query?query=up")
    #expect(r.status == 200)
    #expect(String(decoding: r.body, as: UTF8.self) == #"{"ok":1}"#)
    let head = try #require(server.requests.first)
    #expect(head.hasPrefix("GET /api/v1/query?query=up HTTP/1.1\r\n"))
    #expect(head.contains("\r\nHost: 127.0.0.1:\(server.port)\r\n"))
    #expect(head.contains("\r\nConnection: close\r\n"))
    #expect(head.contains("\r\nAuthorization: Bearer t0k\r\n"))
  }

  @Test func pathPrefixGoesBeforeTheTarget() throws {
    let server = try LoopbackHTTPServer { _ in .json("{}") }
    defer { server.stop() }
    var url = base(server)
    url.pathPrefix = "/prometheus"
    _ = try HTTPGetClient().get(url, "/api/v1/query?query=up")
    #expect(server.requests.first?.hasPrefix("GET /prometheus/api/v1/query?query=up ") == true)
  }

  /// Chunks written in separate pieces, a chunk extension and a trailer: the body is the chunks'
  /// bytes joined, whatever the pieces' boundaries.
  @Test func chunkedBodyInPieces() throws {
    let server = try LoopbackHTTPServer { _ in
      LoopbackHTTPServer.Reply(
        pieces: [
          "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":",
          "\r\n", "A;ext=1\r\n[1,2,3,4]}\r\n", "0\r\nX-Trailer: y\r\n\r\n",
        ], pauseBeforeEach: 0.02)
    }
    defer { server.stop() }
    let r = try HTTPGetClient().get(base(server), "/")
    #expect(String(decoding: r.body, as: UTF8.self) == #"{"a":[1,2,3,4]}"#)
  }

  @Test func bodyWithoutLengthEndsWithTheConnection() throws {
    let server = try LoopbackHTTPServer { _ in .init("HTTP/1.0 200 OK\r\n\r\nall of it") }
    defer { server.stop() }
    let r = try HTTPGetClient().get(base(server), "/")
    #expect(String(decoding: r.body, as: UTF8.self) == "all of it")
  }

  @Test func aSlowServerTimesOutWithinTheBound() throws {
    let server = try LoopbackHTTPServer { _ in
      LoopbackHTTPServer.Reply(
        pieces: ["HTTP/1.1 200 OK\r\n", "Content-Length: 2\r\n\r\n{}"],
        pauseBeforeEach: 1.5)
    }
    defer { server.stop() }
    let started = Date()
    #expect(throws: HTTPError.timeout(seconds: 0.3, during: "waiting for the response")) {
      try HTTPGetClient(timeoutSeconds: 0.3).get(self.base(server), "/")
    }
    // The bound holds: well under the server's 1.5 s pause.
    #expect(Date().timeIntervalSince(started) < 1.4)
  }

  @Test func aBodyCutShortIsAnError() throws {
    let server = try LoopbackHTTPServer { _ in
      .init("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort")
    }
    defer { server.stop() }
    #expect(throws: HTTPError.closedEarly) { try HTTPGetClient().get(self.base(server), "/") }
  }

  @Test func aRefusedPortSaysSo() throws {
    // A port that was just free: bound, then closed.
    let server = try LoopbackHTTPServer { _ in .json("{}") }
    let port = server.port
    server.stop()
    do {
      _ = try HTTPGetClient(timeoutSeconds: 2).get(HTTPURL(host: "127.0.0.1", port: port), "/")
      Issue.record("expected an error")
    } catch {
      guard case .connect(let why) = error else {
        Issue.record("\(error)")
        return
      }
      #expect(why.contains("refused"))
      #expect(PrometheusError.http(error).isUnreachable)
    }
  }

  @Test func redirectsAreRefused() throws {
    let server = try LoopbackHTTPServer { _ in
      .init("HTTP/1.1 302 Found\r\nLocation: http://elsewhere/\r\nContent-Length: 0\r\n\r\n")
    }
    defer { server.stop() }
    #expect(throws: HTTPError.redirect(status: 302, location: "http://elsewhere/")) {
      try HTTPGetClient().get(self.base(server), "/")
    }
  }

  @Test func aResponsePastTheBoundIsNotRead() throws {
    let big = String(repeating: "x", count: 300_000)
    let server = try LoopbackHTTPServer { _ in
      .init("HTTP/1.1 200 OK\r\nContent-Length: \(big.utf8.count)\r\n\r\n\(big)")
    }
    defer { server.stop() }
    #expect(throws: HTTPError.tooLarge(limit: 100_000)) {
      try HTTPGetClient(maxResponseBytes: 100_000).get(self.base(server), "/")
    }
  }

  @Test func bytesThatAreNotHTTP() throws {
    let server = try LoopbackHTTPServer { _ in .init("SSH-2.0-OpenSSH_9.2\r\n\r\n") }
    defer { server.stop() }
    do {
      _ = try HTTPGetClient().get(base(server), "/")
      Issue.record("expected an error")
    } catch {
      guard case .malformed = error else {
        Issue.record("\(error)")
        return
      }
    }
  }

  @Test func urlsFromConfig() throws {
    #expect(
      try HTTPURL.parse("http://prom.internal:9090/prometheus/").get()
        == HTTPURL(host: "prom.internal", port: 9090, pathPrefix: "/prometheus"))
    #expect(try HTTPURL.parse("http://[::1]:9090").get() == HTTPURL(host: "::1", port: 9090))
    #expect(try HTTPURL.parse("http://localhost").get() == HTTPURL(host: "localhost", port: 80))
    #expect(HTTPURL.parse("https://prom:9090") == .failure(.https))
    #expect(HTTPURL.parse("prom:9090") == .failure(.notHTTP("prom:9090")))
    #expect(HTTPURL.parse("http://prom:99999") == .failure(.badPort("99999")))
    #expect(HTTPURL.parse("http://u:p@prom:9090") == .failure(.userInfo))
    #expect(HTTPURL.parse("http://:9090") == .failure(.badHost))
    #expect(HTTPURL.encodeQueryValue(#"up{job="a b"}+1"#) == "up%7Bjob%3D%22a%20b%22%7D%2B1")
  }
}
