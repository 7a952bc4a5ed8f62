/// An `http://host:port/prefix` base address, parsed once from config. Only plain HTTP: sitrep
/// has no TLS (see the README's Prometheus section: an `ssh -L` tunnel reaches an https server).
public struct HTTPURL: Sendable, Equatable {
  public var host: String
  public var port: UInt16
  /// The path before the API's own (`/prometheus` behind a reverse proxy), without a trailing `/`.
  public var pathPrefix: String

  /// Why a URL was refused, for the config error.
  public enum Problem: Error, Equatable, Sendable {
    case notHTTP(String)
    case https
    case badHost
    case badPort(String)
    case userInfo
  }

  public init(host: String, port: UInt16 = 80, pathPrefix: String = "") {
    self.host = host
    self.port = port
    self.pathPrefix = pathPrefix
  }

  public static func parse(_ text: String) -> Result<HTTPURL, Problem> {
    let lower = text.lowercased()
    if lower.hasPrefix("https://") { return .failure(.https) }
    guard lower.hasPrefix("http://") else { return .failure(.notHTTP(text)) }
    var rest = Substring(text.dropFirst("http://".count))
    var prefix = ""
    if let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
      prefix = String(rest[slash...])
      rest = rest[..<slash]
    }
    if let cut = prefix.firstIndex(where: { $0 == "?" || $0 == "#" }) {
      prefix = String(prefix[..<cut])
    }
    while prefix.hasSuffix("/") { prefix.removeLast() }
    if rest.contains("@") { return .failure(.userInfo) }
    var host = String(rest)
    var port: UInt16 = 80
    if host.hasPrefix("[") {
      // [::1]:9090
      guard let close = host.firstIndex(of: "]") else { return .failure(.badHost) }
      let after = host[host.index(after: close)...]
      let inside = String(host[host.index(after: host.startIndex)..<close])
      if after.hasPrefix(":") {
        guard let p = UInt16(after.dropFirst()), p > 0 else {
          return .failure(.badPort(String(after.dropFirst())))
        }
        port = p
      } else if !after.isEmpty {
        return .failure(.badHost)
      }
      host = inside
    } else if let colon = host.lastIndex(of: ":") {
      let portText = host[host.index(after: colon)...]
      guard let p = UInt16(portText), p > 0 else { return .failure(.badPort(String(portText))) }
      port = p
      host = String(host[..<colon])
    }
    guard !host.isEmpty,
      host.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "/") })
    else { return .failure(.badHost) }
    return .success(HTTPURL(host: host, port: port, pathPrefix: prefix))
  }

  /// `host:port` as the Host header and messages write it.
  public var authority: String {
    let h = host.contains(":") ? "[\(host)]" : host
    return port == 80 ? h : "\(h):\(port)"
  }

  public var description: String { "http://\(authority)\(pathPrefix)" }

  /// Percent-encodes a query parameter's value (PromQL has spaces, quotes, braces and `+`).
  public static func encodeQueryValue(_ text: String) -> String {
    var out = ""
    for b in text.utf8 {
      switch b {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"), UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(b))
      default:
        let hex = Array("0123456789ABCDEF".utf8)
        out += "%"
        out.unicodeScalars.append(Unicode.Scalar(hex[Int(b >> 4)]))
        out.unicodeScalars.append(Unicode.Scalar(hex[Int(b & 15)]))
      }
    }
    return out
  }
}
