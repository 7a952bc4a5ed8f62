/// Finds where a key or table header sits in the config text, so that semantic errors (found
/// after TOMLKit has parsed the document and forgotten positions) can still name a line.
///
/// It understands the shapes sitrep.toml uses: `key = value` lines, `[table]`, `[[array]]` and
/// `[array.sub]` headers. Anything fancier (dotted keys, inline tables) just yields no line.
struct ConfigKeyLocator {
  private struct HeaderLine {
    var table: String
    var index: Int?
    var line: Int
  }

  /// Each key's first line, by table, array index and name, and by table and name alone: a
  /// lookup per error, so a config of 120k unknown keys is not 120k linear scans (issue 19: past
  /// 120 s before).
  private struct KeyID: Hashable {
    var table: String
    var index: Int?
    var key: String
  }
  private var firstLineOfKey: [KeyID: Int] = [:]
  private var firstLineOfKeyInAnyIndex: [KeyID: Int] = [:]
  private var headers: [HeaderLine] = []

  init(text: String) {
    var table = ""
    var index: Int?
    var arrayCounts: [String: Int] = [:]
    var lineNumber = 0
    // Open brackets of a value spanning lines (`access = [` ... `]`): its lines are not keys.
    var openArrays = 0
    // The delimiter of a multi-line string still open (`format = '''log_format ...`): its lines,
    // which may start with `[` or hold `=`, are not headers or keys.
    var openString: String?
    // "\r\n" is a single Character, so CRLF files need it named to split at all.
    let lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    for rawLine in lines {
      lineNumber += 1
      let line = rawLine.configTrimmed()
      if let delimiter = openString {
        if line.ranges(of: delimiter).count % 2 == 1 { openString = nil }
      } else if openArrays > 0 {
        openArrays = max(0, openArrays + Self.bracketBalance(line))
      } else if line.hasPrefix("[[") {
        let name = Self.headerName(line.dropFirst(2))
        index = arrayCounts[name, default: -1] + 1
        arrayCounts[name] = index
        table = name
        headers.append(HeaderLine(table: name, index: index, line: lineNumber))
      } else if line.hasPrefix("[") {
        let name = Self.headerName(line.dropFirst())
        // `[service.metric_names]` belongs to the latest `[[service]]`.
        let parent = name.split(separator: ".").first.map(String.init) ?? name
        index = name.contains(".") ? arrayCounts[parent] : nil
        table = name
        headers.append(HeaderLine(table: name, index: index, line: lineNumber))
      } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#"), !line.hasPrefix("\"/")
      {
        let key = line[..<equals].configTrimmed().configTrimming("\"'")
        let id = KeyID(table: table, index: index, key: key)
        if firstLineOfKey[id] == nil { firstLineOfKey[id] = lineNumber }
        let anyIndex = KeyID(table: table, index: nil, key: key)
        if firstLineOfKeyInAnyIndex[anyIndex] == nil {
          firstLineOfKeyInAnyIndex[anyIndex] = lineNumber
        }
        let value = line[line.index(after: equals)...]
        for delimiter in ["'''", "\"\"\""] where value.ranges(of: delimiter).count % 2 == 1 {
          openString = delimiter
        }
      }
    }
  }

  /// `[` minus `]` outside quoted strings and comments.
  private static func bracketBalance(_ text: some StringProtocol) -> Int {
    var balance = 0
    var quote: Character?
    var escaped = false
    for character in text {
      if let open = quote {
        if escaped {
          escaped = false
        } else if character == "\\" && open == "\"" {
          escaped = true
        } else if character == open {
          quote = nil
        }
        continue
      }
      switch character {
      case "\"", "'": quote = character
      case "#": return balance
      case "[": balance += 1
      case "]": balance -= 1
      default: break
      }
    }
    return balance
  }

  private static func headerName(_ rest: Substring) -> String {
    let name = rest.prefix { $0 != "]" }
    return name.split(separator: ".").map { $0.configTrimmed().configTrimming("\"'") }
      .joined(separator: ".")
  }

  /// The line of `key` in `table` ("" for the top level), in the `index`th `[[table]]` if given.
  func line(ofKey key: String, in table: String, index: Int? = nil) -> Int? {
    guard let index else {
      return firstLineOfKeyInAnyIndex[KeyID(table: table, index: nil, key: key)]
    }
    return firstLineOfKey[KeyID(table: table, index: index, key: key)]
  }

  func line(ofHeader table: String, index: Int? = nil) -> Int? {
    headers.first { $0.table == table && (index == nil || $0.index == index) }?.line
  }
}

extension String {
  func configTrimming(_ set: String) -> String {
    String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
  }
}
