/// Shared handling of the names a definition uses: a name close to a known one is a typo and
/// refused with a did-you-mean; a name far from all of them is the user's own and ignored.
enum DeclaredNames {
  /// The known name `name` is probably a misspelling of, if any.
  static func typo(_ name: String, among known: [String]) -> String? {
    guard name.count >= 4 else { return nil }
    return KeySuggestion.suggestion(for: name, among: known)
  }
}
