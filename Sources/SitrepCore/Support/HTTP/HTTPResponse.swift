/// One HTTP/1.1 response, its body already de-chunked.
public struct HTTPResponse: Sendable, Equatable {
  public var status: Int
  public var reason: String
  /// Header names lowercased, values trimmed, in order.
  public var headers: [(name: String, value: String)]
  public var body: [UInt8]

  public func header(_ name: String) -> String? {
    headers.first { $0.name == name }?.value
  }

  public static func == (a: HTTPResponse, b: HTTPResponse) -> Bool {
    a.status == b.status && a.reason == b.reason && a.body == b.body
      && a.headers.map(\.name) == b.headers.map(\.name)
      && a.headers.map(\.value) == b.headers.map(\.value)
  }
}

/// Why a GET gave no response to read. Each says what happened in words for the sources view.
public enum HTTPError: Error, Equatable, Sendable, CustomStringConvertible {
  case resolve(host: String, why: String)
  case connect(String)
  case timeout(seconds: Double, during: String)
  case tooLarge(limit: Int)
  case malformed(String)
  case closedEarly
  case redirect(status: Int, location: String?)

  public var description: String {
    switch self {
    case .resolve(let host, let why): "cannot resolve \(host): \(why)"
    case .connect(let why): "cannot connect: \(why)"
    case .timeout(let s, let during): "timed out after \(Formatting.duration(s)) \(during)"
    case .tooLarge(let limit): "response larger than \(ByteSizeText.format(bytes: limit)), not read"
    case .malformed(let why): "not an HTTP response: \(why)"
    case .closedEarly: "the server closed the connection before the response ended"
    case .redirect(let status, let location):
      "redirected (\(status)\(location.map { " to \($0)" } ?? "")): redirects are not followed; "
        + "set the url to the final address"
    }
  }
}

/// Reads a response from the bytes received so far: `nil` while it is incomplete (more bytes, or
/// the end of the connection, will finish it). Content-Length, chunked, or to the end of the
/// connection when neither is given.
enum HTTPResponseParser {
  /// `ended`: the server closed the connection, so a body without a length ends here.
  static func parse(_ bytes: [UInt8], ended: Bool) throws(HTTPError) -> HTTPResponse? {
    guard let headEnd = findHeadEnd(bytes) else {
      if ended { throw bytes.isEmpty ? .closedEarly : .malformed("no end of headers") }
      if bytes.count > 64 << 10 { throw .malformed("headers longer than 64 KiB") }
      return nil
    }
    let head = String(decoding: bytes[0..<headEnd], as: UTF8.self)
    var lines = head.split(separator: "\r\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? $0.dropLast() : $0
    }
    guard !lines.isEmpty else { throw .malformed("empty head") }
    let statusLine = lines.removeFirst()
    let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]),
      (100...999).contains(status)
    else {
      throw .malformed("status line \"\(TextSanitizer.display(String(statusLine.prefix(60))))\"")
    }
    var headers: [(name: String, value: String)] = []
    for line in lines where !line.isEmpty {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[..<colon].lowercased()
      let value = line[line.index(after: colon)...].trimmingSpaces()
      headers.append((name, value))
    }
    let response = HTTPResponse(
      status: status, reason: parts.count > 2 ? String(parts[2]) : "", headers: headers, body: [])
    let bodyStart = headEnd + 4
    let rest = bytes[bodyStart...]
    if let te = response.header("transfer-encoding"), te.lowercased().contains("chunked") {
      // A chunked body ends with an empty line: until the bytes so far end with one, it cannot be
      // complete, so a large body is not decoded again at every read.
      if !ended, !bytes.suffix(4).elementsEqual([13, 10, 13, 10]) { return nil }
      guard let body = try dechunk(rest) else {
        if ended { throw .closedEarly }
        return nil
      }
      var r = response
      r.body = body
      return r
    }
    if let lengthText = response.header("content-length") {
      guard let length = Int(lengthText), length >= 0 else {
        throw .malformed("Content-Length \"\(TextSanitizer.display(lengthText))\"")
      }
      guard rest.count >= length else {
        if ended { throw .closedEarly }
        return nil
      }
      var r = response
      r.body = Array(rest.prefix(length))
      return r
    }
    guard ended else { return nil }
    var r = response
    r.body = Array(rest)
    return r
  }

  static func findHeadEnd(_ b: [UInt8]) -> Int? {
    guard b.count >= 4 else { return nil }
    var i = 0
    while i + 3 < b.count {
      if b[i] == 13, b[i + 1] == 10, b[i + 2] == 13, b[i + 3] == 10 { return i }
      i += 1
    }
    return nil
  }

  /// The body of a complete chunked encoding, `nil` while incomplete.
  static func dechunk(_ b: ArraySlice<UInt8>) throws(HTTPError) -> [UInt8]? {
    var out: [UInt8] = []
    var i = b.startIndex
    while true {
      // size line: hex digits, optional ;extensions, CRLF
      var size = 0
      var digits = 0
      while i < b.endIndex, let d = hexValue(b[i]) {
        guard digits < 15 else { throw .malformed("chunk size too long") }
        size = size * 16 + d
        digits += 1
        i += 1
      }
      guard i < b.endIndex else { return nil }
      guard digits > 0 else { throw .malformed("bad chunk size") }
      while i < b.endIndex, b[i] != 10 { i += 1 }
      guard i < b.endIndex else { return nil }
      i += 1
      if size == 0 {
        // Trailers (ignored) up to an empty line.
        while true {
          var lineEnd = i
          while lineEnd < b.endIndex, b[lineEnd] != 10 { lineEnd += 1 }
          guard lineEnd < b.endIndex else { return nil }
          let empty = lineEnd == i || (lineEnd == i + 1 && b[i] == 13)
          i = lineEnd + 1
          if empty { return out }
        }
      }
      guard b.endIndex - i >= size + 2 else { return nil }
      out.append(contentsOf: b[i..<(i + size)])
      i += size
      guard b[i] == 13, b[i + 1] == 10 else { throw .malformed("chunk not followed by CRLF") }
      i += 2
    }
  }

  static func hexValue(_ c: UInt8) -> Int? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(c - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(c - UInt8(ascii: "a")) + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(c - UInt8(ascii: "A")) + 10
    default: nil
    }
  }
}

extension Substring {
  fileprivate func trimmingSpaces() -> String {
    var s = self
    while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
    return String(s)
  }
}
