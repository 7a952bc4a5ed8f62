import Testing

@testable import SitrepCore

@Suite struct DurationTextTests {
  @Test(arguments: [
    ("90s", 90.0), ("5m", 300), ("1h30m", 5_400), ("500ms", 0.5), ("1.5h", 5_400), ("2d", 172_800),
    ("1h 30m", 5_400), ("45", 45), (" 10M ", 600),
  ])
  func parsesDurations(text: String, seconds: Double) {
    #expect(DurationText.seconds(from: text) == seconds)
  }

  @Test(arguments: ["", "fast", "5 minutes later", "m5", "-5m", "1.2.3s", "5y", "99999999999999d"])
  func rejectsNonDurations(text: String) {
    #expect(DurationText.seconds(from: text) == nil)
  }

  @Test func formatsCompactly() {
    #expect(DurationText.format(seconds: 0.5) == "500ms")
    #expect(DurationText.format(seconds: 45) == "45s")
    #expect(DurationText.format(seconds: 90) == "1m30s")
    #expect(DurationText.format(seconds: 3_600) == "1h")
    #expect(DurationText.format(seconds: 7_500) == "2h5m")
    #expect(DurationText.format(seconds: 100_800) == "1d4h")
    #expect(DurationText.format(seconds: .infinity) == "-")
  }

  @Test(arguments: [
    ("8MiB", 8_388_608), ("512KiB", 524_288), ("1GiB", 1_073_741_824), ("10MB", 10_000_000),
    ("4096", 4_096), ("1.5 MiB", 1_572_864), ("2k", 2_048),
  ])
  func parsesSizes(text: String, bytes: Int) {
    #expect(ByteSizeText.bytes(from: text) == bytes)
  }

  @Test(arguments: ["", "big", "8 parsecs", "MiB", "99999999999999999999GiB"])
  func rejectsNonSizes(text: String) {
    #expect(ByteSizeText.bytes(from: text) == nil)
  }

  @Test func formatsSizes() {
    #expect(ByteSizeText.format(bytes: 8 << 20) == "8MiB")
    #expect(ByteSizeText.format(bytes: 1_536) == "1536B")
    #expect(ByteSizeText.format(bytes: 1 << 30) == "1GiB")
  }

  @Test func globMatching() {
    #expect(JobNamePattern.matches(pattern: "tasks.*", "tasks.sync_sku"))
    #expect(!JobNamePattern.matches(pattern: "tasks.*", "reports.nightly"))
    #expect(JobNamePattern.matches(pattern: "backup-?", "backup-1"))
    #expect(JobNamePattern.matches(pattern: "*nightly*", "reports.nightly.v2"))
    #expect(JobNamePattern.matches(pattern: "a*b*c", "axxbyyc"))
    #expect(!JobNamePattern.matches(pattern: "a*b*c", "axxbyy"))
  }
}
