import Testing

@testable import SitrepCore

/// gunicorn with `%(D)s %(L)s` appended (real gunicorn 27, recorded): the pair is one time, in
/// microseconds then seconds. It was read as nginx's `$request_time $upstream_response_time`, so
/// 91200 µs became 91,200 seconds (issue 14: p50 = 3,604,480 ms).
@Suite struct GunicornTimePairTests {
  @Test func theRecordedPairIsDetectedAsGunicornAndReadAsOneTime() throws {
    let lines = try recordedLines("gunicorn-sync/access.log")
    let detection = try #require(FormatDetector.detect(lines: lines))
    #expect(detection.format == "gunicorn")
    let d = try decode("gunicorn", lines: lines)
    #expect(d.counts.malformed == 0 && d.requests.count == lines.count)
    for (request, line) in zip(d.requests, lines) {
      // The last field is %(L)s, seconds with six decimals.
      let text = String(decoding: line, as: UTF8.self)
      let seconds = try #require(Double(text.split(separator: " ").last ?? ""))
      #expect(approx(request.durationMs, seconds * 1000, tolerance: 0.001), "\(text)")
    }
  }

  @Test func aPairMustBeOneIntegerAndOneDecimal() {
    func read(_ trailing: String) -> Double?? {
      Array(trailing.utf8).withUnsafeBufferPointer {
        TrailingTimes.gunicorn($0, 0..<$0.count, integerUnit: .microseconds)
      }
    }
    #expect(read("91200 0.091200") == .some(91.2))
    #expect(read("91 0.091200") == .some(91.2))
    #expect(read("0.091 0.091200") == nil)
    #expect(read("91200 91200") == nil)
  }
}
