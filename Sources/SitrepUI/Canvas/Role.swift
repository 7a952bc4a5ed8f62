/// What a cell means, not how it looks: themes map roles to colours and attributes.
public enum Role: String, Sendable, CaseIterable, Codable {
  case normal, muted, accent, border, title, header, footer, key
  case ok, warn, crit, unknown, selection, spark, breadcrumb, match
}
