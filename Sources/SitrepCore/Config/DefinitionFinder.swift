import FoundationEssentials

/// For `sitrep init`: when detection is unsure of a file, the format its server was configured
/// with is often on the same box. Finds nginx `log_format` directives and gunicorn
/// `access_log_format` settings in the usual config files, and proposes the one that reads the
/// file's first lines.
public enum DefinitionFinder {
  /// Where servers keep the formats they write with.
  public static let usualConfigFiles: [String] = [
    "/etc/nginx/nginx.conf", "/etc/nginx/conf.d", "/etc/nginx/sites-enabled",
    "gunicorn.conf.py", "/etc/gunicorn.conf.py", "/etc/gunicorn",
  ]

  /// Every definition found in `paths` (files, or folders whose files are read), in order.
  public static func candidates(in paths: [String]) -> [String] {
    var found: [String] = []
    for path in paths {
      for file in files(at: path) {
        guard case .bytes(let data) = FilePrefix.read(path: file, maxBytes: 1 << 20) else {
          continue
        }
        let text = String(decoding: data, as: UTF8.self)
        found += nginxLogFormats(text) + gunicornAccessFormats(text)
      }
    }
    return found
  }

  /// The definition among `candidates` that reads most of `lines` (at least 80% of them), and
  /// its compiled format.
  public static func propose(for lines: [[UInt8]], candidates: [String]) -> (
    definition: String, descriptor: FormatDescriptor
  )? {
    let sample = lines.prefix(FormatDetector.sampleLines).map { line in
      line.withUnsafeBufferPointer { TextSanitizer.display($0) }
    }.filter { !$0.isEmpty }
    guard !sample.isEmpty else { return nil }
    var best: (String, FormatDescriptor, Double)?
    for definition in candidates {
      guard let descriptor = try? FormatCatalog.resolve(definition) else { continue }
      let fit = sample.map(descriptor.scoreLine).reduce(0, +) / Double(sample.count)
      if fit >= 0.8, fit > best?.2 ?? 0 { best = (definition, descriptor, fit) }
    }
    return best.map { ($0.0, $0.1) }
  }

  /// `log_format NAME [escape=...] 'piece' 'piece' ...;` directives, whole (the compiler reads
  /// the directive form, escape mode included). Comments are skipped.
  static func nginxLogFormats(_ text: String) -> [String] {
    let code = Array(
      text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        line.firstIndex(of: "#").map { line[..<$0] } ?? line[...]
      }.joined(separator: " "))
    let keyword = Array("log_format")
    var out: [String] = []
    var i = 0
    while i + keyword.count <= code.count {
      guard code[i..<(i + keyword.count)].elementsEqual(keyword),
        i == 0 || code[i - 1] == " " || code[i - 1] == "\t" || code[i - 1] == ";"
      else {
        i += 1
        continue
      }
      // A directive ends at the first `;` outside quotes.
      var quote: Character?
      var end = i + keyword.count
      while end < code.count {
        let c = code[end]
        if let q = quote {
          if c == q { quote = nil }
        } else if c == "'" || c == "\"" {
          quote = c
        } else if c == ";" {
          break
        }
        end += 1
      }
      guard end < code.count else { break }
      let words = String(code[i...end]).split(whereSeparator: { $0 == " " || $0 == "\t" })
      out.append(words.joined(separator: " "))
      i = end + 1
    }
    return out
  }

  /// `access_log_format = '...'` (or `"..."`) in a gunicorn Python config.
  static func gunicornAccessFormats(_ text: String) -> [String] {
    text.split(separator: "\n").compactMap { line in
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      guard trimmed.hasPrefix("access_log_format"), let eq = trimmed.firstIndex(of: "=") else {
        return nil
      }
      var value = trimmed[trimmed.index(after: eq)...].drop { $0 == " " || $0 == "\t" }
      while let last = value.last, last == " " || last == "\t" || last == "\r" {
        value = value.dropLast()
      }
      guard let q = value.first, q == "'" || q == "\"", value.count >= 2, value.last == q else {
        return nil
      }
      // Python's `\"` inside the string is a plain quote in the format gunicorn gets.
      var out = ""
      var escaped = false
      for c in value.dropFirst().dropLast() {
        if escaped {
          out.append(c)
          escaped = false
        } else if c == "\\" {
          escaped = true
        } else {
          out.append(c)
        }
      }
      return out
    }
  }

  private static func files(at path: String) -> [String] {
    guard case .found(let info) = FileSystem.info(path: path) else { return [] }
    if info.isRegular { return [path] }
    return FileSystem.glob(path + "/*").sorted()
  }
}
