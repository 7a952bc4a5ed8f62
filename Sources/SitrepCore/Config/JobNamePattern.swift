/// Shell-style `*` and `?` matching for job names (`tasks.*`). No character classes: job names
/// do not need them, and a literal `[` in a name should just match itself.
public enum JobNamePattern {
  public static func matches(pattern: String, _ text: String) -> Bool {
    let pattern = Array(pattern.unicodeScalars)
    let text = Array(text.unicodeScalars)
    var p = 0
    var t = 0
    var starAt: Int?
    var starText = 0
    // Greedy with backtracking to the last `*`: linear in practice, never exponential.
    while t < text.count {
      if p < pattern.count && (pattern[p] == "?" || pattern[p] == text[t]) {
        p += 1
        t += 1
      } else if p < pattern.count && pattern[p] == "*" {
        starAt = p
        starText = t
        p += 1
      } else if let star = starAt {
        p = star + 1
        starText += 1
        t = starText
      } else {
        return false
      }
    }
    while p < pattern.count && pattern[p] == "*" { p += 1 }
    return p == pattern.count
  }
}
