/// Recognises rotated siblings of a log (`x.log.1`, `x.log.2.gz`, `x.log-20261124`,
/// `x.log-20261124.gz`) and orders them oldest first.
enum RotatedName {
  /// Compressions we can read (gzip through zlib). Others are still recognised as rotated, so
  /// globs skip them, but they are never opened.
  static let readableCompression = ".gz"
  static let compressions = [".gz", ".bz2", ".xz", ".zst", ".lz4"]

  /// How old a rotated file is: larger is older for numbers, smaller is older for dates.
  enum Age: Comparable {
    case dated(Int)
    case numbered(Int)

    /// Oldest first: dated ones by date ascending; numbered by number descending.
    static func < (a: Age, b: Age) -> Bool {
      switch (a, b) {
      case (.dated(let x), .dated(let y)): x < y
      case (.numbered(let x), .numbered(let y)): x > y
      case (.dated, .numbered): true
      case (.numbered, .dated): false
      }
    }
  }

  /// The rotation suffix of `name` after stripping a compression extension, if it has one.
  static func age(ofSuffix suffix: Substring) -> Age? {
    var rest = suffix
    for compression in compressions where rest.hasSuffix(compression) {
      rest = rest.dropLast(compression.count)
      break
    }
    guard let marker = rest.first, marker == "." || marker == "-" else { return nil }
    let digits = rest.dropFirst()
    guard !digits.isEmpty, digits.count <= 14, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
      let value = Int(digits)
    else { return nil }
    if marker == "." && digits.count <= 4 { return .numbered(value) }
    if marker == "-" && digits.count >= 8 { return .dated(value) }
    return nil
  }

  /// True when a file name looks like a rotated log rather than a live one.
  static func isRotated(_ path: String) -> Bool {
    let name = FileSystem.splitPath(path).name
    if compressions.contains(where: { name.hasSuffix($0) }) { return true }
    // Try every "." or "-" as the start of the suffix: `app.log.1` → ".1".
    var index = name.endIndex
    while index > name.startIndex {
      index = name.index(before: index)
      let character = name[index]
      if character == "." || character == "-" {
        return age(ofSuffix: name[index...]) != nil
      }
    }
    return false
  }

  /// The age of `candidate` as a rotated sibling of `livePath`, or `nil` when it is not one.
  static func age(of candidate: String, siblingOf livePath: String) -> Age? {
    guard candidate.count > livePath.count, candidate.hasPrefix(livePath) else { return nil }
    return age(ofSuffix: candidate.dropFirst(livePath.count))
  }

  /// Rotated siblings of `livePath` that exist now, oldest first.
  static func siblings(of livePath: String) -> [String] {
    let base = FileSystem.escapeForGlob(livePath)
    let candidates = FileSystem.glob(base + ".*") + FileSystem.glob(base + "-*")
    return
      candidates
      .compactMap { path in age(of: path, siblingOf: livePath).map { (path, $0) } }
      .sorted { $0.1 < $1.1 }
      .map(\.0)
  }

  static func isReadable(_ path: String) -> Bool {
    let compressed = compressions.contains(where: { path.hasSuffix($0) })
    return !compressed || path.hasSuffix(readableCompression)
  }
}
