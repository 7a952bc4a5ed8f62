import SitrepCore
import Testing

/// `Formatting.iso8601` writes the JSON report's times with the civil calendar instead of
/// Foundation's Calendar (which needs ICU in a static binary).
@Suite struct ISO8601FormattingTests {
  @Test(arguments: [
    (0.0, "1970-01-01T00:00:00.000Z"), (1_795_528_800.0, "2026-11-24T14:00:00.000Z"),
    (1_795_528_800.125, "2026-11-24T14:00:00.125Z"), (951_782_400.0, "2000-02-29T00:00:00.000Z"),
    (-1.5, "1969-12-31T23:59:58.500Z"), (4_102_444_799.999, "2099-12-31T23:59:59.999Z"),
  ])
  func knownMoments(seconds: Double, expected: String) {
    #expect(Formatting.iso8601(seconds) == expected)
  }

  /// Milliseconds are cut, not rounded (as before: 59.9996 s must not print as a 60th second).
  @Test func millisecondsAreTruncated() {
    #expect(Formatting.iso8601(1_795_528_800.0625) == "2026-11-24T14:00:00.062Z")
  }

  /// A wild timestamp is clamped to ISO 8601's four-digit years instead of trapping.
  @Test func extremesAreClamped() {
    #expect(Formatting.iso8601(1e20) == "9999-12-31T23:59:59.999Z")
    #expect(Formatting.iso8601(.infinity) == "9999-12-31T23:59:59.999Z")
    #expect(Formatting.iso8601(-1e20) == "0001-01-01T00:00:00.000Z")
    #expect(Formatting.iso8601(.nan) == "1970-01-01T00:00:00.000Z")
  }
}
