/// Turns a request path into a route: the shape shared by all requests to the same handler, so
/// `/api/orders/1842` and `/api/orders/77` count together as `/api/orders/:id`.
///
/// Rules, per path segment:
/// - all digits → `:id`
/// - a UUID (8-4-4-4-12 hex) → `:uuid`
/// - 8+ hex characters with at least one digit → `:hash` (the digit keeps words like `deadbeef`
///   or `facade` from looking like hashes when they are ordinary path words)
/// - 16+ characters mixing letters and digits (tokens, base64 ids) → `:hash`
/// - something with `@` and a dot after it → `:email`
/// - the query string and fragment are dropped; an absolute URI (`http://host/x`, proxies) keeps
///   its path only.
/// - everything under `/static/` or `/assets/` collapses to `/static/*` (`/assets/*`): cache-busted
///   file names (`app.3f9a.js`) would otherwise make one route per build, and the dashboard cares
///   about "static files", not each file.
/// Anything that is not a path (`-`, `*`, garbage) becomes `-`.
public enum RouteTemplate {
  public static func derive(_ path: some StringProtocol) -> String {
    var text = String(path)
    return text.withUTF8 { derive(bytes: $0) }
  }

  /// The byte-level form used by access-log decoders.
  public static func derive(bytes: LineBytes) -> String {
    var out: [UInt8] = []
    derive(bytes: bytes, into: &out)
    return out.withUnsafeBufferPointer { ByteClass.string($0, 0..<$0.count) }
  }

  /// Appends the route for `bytes` to `out`: no allocation once `out` has grown, which is what the
  /// access-log fast path needs. Returns how many segments were replaced by placeholders (the path
  /// carried ids, so the same path is unlikely to come again).
  @discardableResult
  public static func derive(bytes: LineBytes, into out: inout [UInt8]) -> Int {
    var end = bytes.count
    for i in 0..<bytes.count where bytes[i] == UInt8(ascii: "?") || bytes[i] == UInt8(ascii: "#") {
      end = i
      break
    }
    var start = 0
    // A path starting with `/` cannot be an absolute URI: skip looking for `http://`.
    if end > 0, bytes[0] != UInt8(ascii: "/"), let afterHost = absoluteURIPathStart(bytes, end: end)
    {
      start = afterHost
    }
    guard start < end, bytes[start] == UInt8(ascii: "/") else {
      out.append(UInt8(ascii: "-"))
      return 0
    }
    var substituted = 0
    var i = start
    var first = true
    while i < end {
      // bytes[i] == "/"
      var j = i + 1
      while j < end, bytes[j] != UInt8(ascii: "/") { j += 1 }
      let segment = LineBytes(rebasing: bytes[(i + 1)..<j])
      out.append(UInt8(ascii: "/"))
      if first, j < end, isCollapsedPrefix(segment) {
        out.append(contentsOf: segment)
        out.append(UInt8(ascii: "/"))
        out.append(UInt8(ascii: "*"))
        break
      }
      if let placeholder = Placeholder(segment) {
        placeholder.text.withUTF8Buffer { out.append(contentsOf: $0) }
        substituted += 1
      } else {
        out.append(contentsOf: segment)
      }
      first = false
      i = j
    }
    return substituted
  }

  /// What a path segment that names one object (an id, a UUID, a hash, an email) becomes.
  enum Placeholder {
    case id, uuid, email, hash

    var text: StaticString {
      switch self {
      case .id: ":id"
      case .uuid: ":uuid"
      case .email: ":email"
      case .hash: ":hash"
      }
    }

    init?(_ s: LineBytes) {
      let n = s.count
      guard n > 0 else { return nil }
      var digits = 0
      var hex = 0
      var letters = 0
      var at = -1
      var dotAfterAt = false
      for k in 0..<n {
        let b = s[k]
        if ByteClass.isDigit(b) {
          digits += 1
          hex += 1
        } else if ByteClass.isAlpha(b) {
          letters += 1
          if ByteClass.isHex(b) { hex += 1 }
        } else if b == UInt8(ascii: "@") {
          if at < 0 { at = k }
        } else if b == UInt8(ascii: "."), at >= 0, k > at + 1 {
          dotAfterAt = true
        }
      }
      if digits == n {
        self = .id
      } else if n == 36, RouteTemplate.isUUID(s) {
        self = .uuid
      } else if at > 0, dotAfterAt {
        self = .email
      } else if n >= 8, hex == n, digits > 0 {
        self = .hash
      } else if n >= 16, digits > 0, letters > 0, RouteTemplate.isTokenish(s) {
        self = .hash
      } else {
        return nil
      }
    }
  }

  private static func isUUID(_ s: LineBytes) -> Bool {
    for k in 0..<36 {
      let dash = k == 8 || k == 13 || k == 18 || k == 23
      if dash ? s[k] != UInt8(ascii: "-") : !ByteClass.isHex(s[k]) { return false }
    }
    return true
  }

  /// Letters, digits and the characters URL-safe tokens use; a segment with dots or spaces is
  /// more likely a file name or a slug than an opaque token.
  private static func isTokenish(_ s: LineBytes) -> Bool {
    for b in s
    where !(ByteClass.isIdentifier(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "=")) {
      return false
    }
    return true
  }

  private static func isCollapsedPrefix(_ s: LineBytes) -> Bool {
    // Length first: most first segments are not six bytes long.
    s.count == 6 && (s.elementsEqual("static".utf8) || s.elementsEqual("assets".utf8))
  }

  private static func absoluteURIPathStart(_ bytes: LineBytes, end: Int) -> Int? {
    var c = ByteCursor(LineBytes(rebasing: bytes[0..<end]))
    guard c.skip("http://") || c.skip("https://") else { return nil }
    _ = c.read(until: UInt8(ascii: "/"))
    return c.index
  }
}
