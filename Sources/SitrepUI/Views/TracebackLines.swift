import SitrepCore

/// A traceback as screen lines: the application's frames bright, library frames dim and, unless
/// unfolded, runs of them folded into one line that names their packages. The exception lines
/// stay whole, so the reader sees the app's frames and what was raised without scrolling through
/// forty framework frames.
public enum TracebackLines {
  /// Fewer library frames in a row than this are shown as they are: folding one frame saves
  /// nothing and hides where the call went.
  static let foldRun = 3

  public struct Output {
    public var lines: [(String, Role)]
    /// The line of the innermost app frame of the last exception: where the view opens.
    public var focus: Int?
  }

  /// `width`: the columns the lines get. A frame too wide loses the middle of its path, never its
  /// line number or function; an exception message wraps, since it is what the reader came for.
  public static func make(
    _ traceback: [String], unfolded: Bool, glyphs: Glyphs, width: Int = .max
  ) -> Output {
    let outline = TracebackOutline(traceback)
    let focusPart = outline.innermostAppFrame
    var lines: [(String, Role)] = []
    var focus: Int?
    var i = 0
    let parts = outline.parts
    // A chain is read from the last exception back: say at the top what led to what.
    if let chain = chainSummary(outline, glyphs: glyphs) {
      for row in wrap(" " + chain, width: width) { lines.append((row, .warn)) }
    }
    while i < parts.count {
      let runEnd = parts[i...].firstIndex { $0.frame?.isApp != false } ?? parts.count
      if !unfolded, runEnd - i >= foldRun, !(i..<runEnd).contains(focusPart ?? -1) {
        let frames = parts[i..<runEnd].compactMap(\.frame)
        var packages: [String] = []
        for f in frames where !packages.contains(f.library ?? "") {
          packages.append(f.library ?? "")
        }
        lines.append(
          (
            "   \(glyphs.ellipsis) \(frames.count) library frames: "
              + packages.joined(separator: ", ") + " (z shows them)", .muted
          ))
        i = runEnd
        continue
      }
      switch parts[i] {
      case .text(let t): lines.append((" " + t, .normal))
      case .chain(let t): lines.append((" " + t, .warn))
      case .exception(let t):
        for piece in t.split(separator: "\n", omittingEmptySubsequences: false) {
          for row in wrap(" " + piece, width: width) { lines.append((row, .crit)) }
        }
      case .frame(let f):
        if i == focusPart { focus = lines.count }
        lines.append(
          (fitted(" " + f.location, path: f.path, width: width, glyphs), f.isApp ? .accent : .muted)
        )
        for c in f.code { lines.append((" " + c, f.isApp ? .normal : .muted)) }
      }
      i += 1
    }
    return Output(lines: lines, focus: focus)
  }

  /// `chain: TimeoutError -> caused -> events.UpstreamError (raised)` for a traceback of more
  /// than one exception; `nil` for one.
  static func chainSummary(_ outline: TracebackOutline, glyphs: Glyphs) -> String? {
    var names: [String] = []
    var links: [String] = []
    for part in outline.parts {
      switch part {
      case .exception(let t):
        let first = t.split(separator: "\n").first.map(String.init) ?? t
        names.append(String(first.prefix { $0 != ":" }))
      case .chain(let t):
        links.append(t.hasPrefix("The above") ? "caused" : "while handling it, raised")
      default: break
      }
    }
    guard names.count > 1, links.count == names.count - 1 else { return nil }
    let arrow = glyphs.arrowRight
    var text = "chain: " + names[0]
    for (link, name) in zip(links, names.dropFirst()) {
      text += " \(arrow) \(link) \(arrow) \(name)"
    }
    return text + " (the last is what reached the caller)"
  }

  /// The frame line with the middle of its path cut to fit `width`.
  static func fitted(_ line: String, path: String, width: Int, _ glyphs: Glyphs) -> String {
    let over = CellWidth.of(line) - width
    guard over > 0, let r = line.firstRange(of: path) else { return line }
    let keep = CellWidth.of(path) - over
    guard keep >= 12 else { return line }
    return String(line[..<r.lowerBound])
      + TextFit.clipLeft(path, keep, ellipsis: glyphs.ellipsis) + String(line[r.upperBound...])
  }

  /// `text` cut into rows of `width` columns, the rows after the first indented (by three).
  static func wrap(_ text: String, width: Int, indent: String = "   ") -> [String] {
    guard width > 8, CellWidth.of(text) > width else { return [text] }
    var rows: [String] = []
    var row = String.UnicodeScalarView()
    var used = 0
    for scalar in text.unicodeScalars {
      let w = CellWidth.of(scalar)
      if used + w > width {
        rows.append(String(row))
        row = String.UnicodeScalarView(indent.unicodeScalars)
        used = indent.count
      }
      row.append(scalar)
      used += w
    }
    rows.append(String(row))
    return rows
  }
}
