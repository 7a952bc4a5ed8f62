/// A Python traceback as logged, taken apart for reading: which frames are the application's own
/// and which belong to libraries or the standard library, where each exception of a chain starts,
/// and the exception lines. A FastAPI error is about forty framework frames around two or three of
/// the app's; the drill-down folds the rest so the app's frames and the exception are what shows.
public struct TracebackOutline: Sendable, Equatable {
  public enum Part: Sendable, Equatable {
    /// `Traceback (most recent call last):` and any line the outline does not know.
    case text(String)
    /// `The above exception was the direct cause…` / `During handling of the above exception…`.
    case chain(String)
    /// A `File "…", line N, in f` line with the lines under it (the code and `^^^^` markers).
    case frame(Frame)
    /// `KeyError: 'sku'`, and the lines that continue a multi-line message.
    case exception(String)
  }

  public struct Frame: Sendable, Equatable {
    /// The `File "…"` line as logged.
    public var location: String
    /// The source and marker lines printed under it.
    public var code: [String]
    public var path: String
    /// Where a library frame comes from: the package under site-packages (`starlette`), the
    /// standard library module (`asyncio`), or `<frozen …>`; `nil` for the application's own.
    public var library: String?
    public var isApp: Bool { library == nil }
  }

  public var parts: [Part]

  public init(_ lines: [String]) {
    var parts: [Part] = []
    var inFrame = false
    for line in lines {
      if let path = Self.framePath(line) {
        parts.append(
          .frame(Frame(location: line, code: [], path: path, library: Self.library(of: path))))
        inFrame = true
        continue
      }
      let indented = line.hasPrefix(" ") || line.hasPrefix("\t")
      if inFrame, indented, case .frame(var f) = parts.last {
        f.code.append(line)
        parts[parts.count - 1] = .frame(f)
        continue
      }
      inFrame = false
      if line.hasPrefix("The above exception") || line.hasPrefix("During handling of the above") {
        parts.append(.chain(line))
      } else if line.hasPrefix("Traceback (most recent call last)") || line.isEmpty {
        parts.append(.text(line))
      } else if case .exception(let first) = parts.last, indented || !Self.looksLikeException(line)
      {
        // A message printed over several lines continues the exception above it.
        parts[parts.count - 1] = .exception(first + "\n" + line)
      } else if Self.looksLikeException(line) || parts.contains(where: \.isFrame) {
        parts.append(.exception(line))
      } else {
        parts.append(.text(line))
      }
    }
    self.parts = parts
  }

  /// The index in `parts` of the innermost frame of the application's own code in the last
  /// exception of the chain (where it went wrong in the code the reader can change), else the
  /// innermost frame at all.
  public var innermostAppFrame: Int? {
    let lastChainStart = parts.lastIndex { if case .chain = $0 { true } else { false } } ?? -1
    let frames = parts.indices.filter { $0 > lastChainStart && parts[$0].isFrame }
    return frames.last { parts[$0].frame?.isApp == true } ?? frames.last
  }

  /// `  File "/srv/app/orders.py", line 42, in get_order` → `/srv/app/orders.py`.
  static func framePath(_ line: String) -> String? {
    let trimmed = line.drop { $0 == " " }
    guard trimmed.hasPrefix("File \"") else { return nil }
    let rest = trimmed.dropFirst(6)
    guard let quote = rest.firstIndex(of: "\"") else { return nil }
    return String(rest[..<quote])
  }

  /// What library a path belongs to, or `nil` for the application's own code. Installed packages
  /// live under site-packages or dist-packages; the standard library under `lib/python3.N/`.
  public static func library(of path: String) -> String? {
    if path.hasPrefix("<") { return String(path.prefix { $0 != ">" }) + ">" }
    for marker in ["/site-packages/", "/dist-packages/"] {
      if let r = path.firstRange(of: marker) {
        return firstComponent(path[r.upperBound...])
      }
    }
    if let r = path.firstRange(of: "/lib/python"), path[r.upperBound...].first?.isNumber == true {
      // `/usr/lib/python3.12/asyncio/base_events.py` → `asyncio`.
      let afterVersion = path[r.upperBound...].drop { $0 != "/" }.dropFirst()
      return firstComponent(afterVersion)
    }
    return nil
  }

  private static func firstComponent(_ s: Substring) -> String {
    let name = s.prefix { $0 != "/" }
    return String(name.hasSuffix(".py") ? name.dropLast(3) : name)
  }

  /// `KeyError: 'sku'`, `httpx.ReadTimeout`, `events.UpstreamError: …`: a dotted identifier,
  /// then a colon or the end of the line.
  static func looksLikeException(_ line: String) -> Bool {
    let name = line.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
    guard let first = name.first, first.isLetter || first == "_" else { return false }
    let rest = line.dropFirst(name.count)
    return rest.isEmpty || rest.hasPrefix(":")
  }
}

extension TracebackOutline.Part {
  public var isFrame: Bool { frame != nil }
  public var frame: TracebackOutline.Frame? {
    if case .frame(let f) = self { return f }
    return nil
  }
}
