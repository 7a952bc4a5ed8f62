import Testing

@testable import SitrepCore

/// `docker logs --timestamps` lines: unwrapped when the source says so (`docker:NAME`), never
/// guessed, since programs that start their own lines with an RFC 3339 stamp look the same.
@Suite struct DockerTimestampsTests {
  let t0: EpochSeconds = 1_795_600_000

  @Test func theSourcesWrapperUnwrapsAndLendsItsTime() throws {
    let lines = [
      #"{"level": "info", "message": "started", "logger": "api"}"#,
      #"{"level": "error", "message": "payment failed", "logger": "api"}"#,
    ].enumerated().map { k, line in
      Array(WrapperFraming.dockerTimestamps(Array(line.utf8), time: t0 + Double(k) + 0.5).utf8)
    }
    #expect(FormatDetector.detect(lines: lines)?.wrapper == nil)
    let detection = try #require(FormatDetector.detect(lines: lines, wrapper: .dockerTimestamps))
    #expect(detection.wrapper == .dockerTimestamps)
    var reader = LineWrapper.dockerTimestamps.makeReader()
    var content: [UInt8] = []
    let reading = lines[1].withUnsafeBufferPointer { reader.read($0, content: &content) }
    guard case .frame(let frame) = reading else {
      Issue.record("not a frame: \(reading)")
      return
    }
    #expect(abs((frame.time ?? 0) - (t0 + 1.5)) < 1e-6)
    #expect(String(decoding: content, as: UTF8.self).hasPrefix(#"{"level": "error""#))
  }

  @Test func aLineWithoutTheStampIsNotAFrame() {
    var reader = DockerTimestampsFrame()
    var content: [UInt8] = []
    let line = Array("Error response from daemon: No such container: api".utf8)
    #expect(line.withUnsafeBufferPointer { reader.read($0, content: &content) } == .malformed)
  }
}
