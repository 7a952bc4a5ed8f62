import Glibc

/// Where scratch folders go: `$TMPDIR` when set (as mktemp does), else /tmp.
enum TemporaryFolder {
  static func path(named name: String) -> String {
    var base = getenv("TMPDIR").map { String(cString: $0) } ?? ""
    if base.isEmpty { base = "/tmp" }
    return base.hasSuffix("/") ? base + name : base + "/" + name
  }
}
