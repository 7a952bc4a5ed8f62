import SitrepCore
import Testing

/// `String(cFormat:)` replaced Foundation's `String(format:)` so the shipped binary needs no ICU;
/// these are the conversions sitrep prints with, and what printf gives for them.
@Suite struct CFormatTests {
  @Test(arguments: [
    ("%.1f", 0.04, "0.0"), ("%.1f", 12.25, "12.2"), ("%.2f", 1.005, "1.00"),
    ("%.3f", 0.1234, "0.123"),
    ("%.4f", 0.00005, "0.0001"), ("%.1f", -0.0, "-0.0"), ("%.3g", 1234.5, "1.23e+03"),
    ("%.3g", 0.0456, "0.0456"), ("%.6g", 1e21, "1e+21"), ("%.1f", Double.infinity, "inf"),
    ("%.1f", Double.nan, "nan"), ("%10.0f", 42.0, "        42"),
  ])
  func doubles(format: String, value: Double, expected: String) {
    #expect(String(cFormat: format, value) == expected)
  }

  @Test func integersAndSeveralArguments() {
    #expect(String(cFormat: "%02d:%02d:%02d", 7, 5, 59) == "07:05:59")
    #expect(String(cFormat: "%04d-%02d", 2026, 11) == "2026-11")
    #expect(String(cFormat: "%.1f%%", 3.25) == "3.2%")
  }

  /// Longer than the first buffer: the result is whole, not cut at 64 bytes.
  @Test func outputLongerThanTheFirstBuffer() {
    let text = String(cFormat: "%0200d", 1)
    #expect(text.count == 200)
    #expect(text.hasSuffix("01"))
  }

  /// The decimal point stays a dot: the process never takes LC_NUMERIC from the environment.
  @Test func decimalPointIsADot() {
    #expect(String(cFormat: "%.2f", 1.5) == "1.50")
  }
}
