import Foundation
import Testing

@testable import SitrepCore

/// Feeds text to a decoder line by line, as the tailer would, then flushes.
func decodePrometheus(
  _ text: String, readAt: EpochSeconds = 1_000, decoder: PrometheusDecoder = PrometheusDecoder()
) -> [Event] {
  decodePrometheus(bytes: Array(text.utf8), readAt: readAt, decoder: decoder)
}

func decodePrometheus(
  bytes: [UInt8], readAt: EpochSeconds = 1_000, decoder: PrometheusDecoder = PrometheusDecoder()
) -> [Event] {
  var events: [Event] = []
  // Split bytes, not Characters: "\r\n" is one Character and would never match "\n".
  for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
    var bytes = Array(line)
    bytes.withUnsafeMutableBufferPointer { buffer in
      decoder.feed(UnsafeBufferPointer(buffer), readAt: readAt, into: &events)
    }
  }
  decoder.flush(into: &events)
  return events
}

func onlySnapshot(_ events: [Event]) -> MetricsSnapshot? {
  guard events.count == 1, case .metrics(let snapshot) = events[0] else { return nil }
  return snapshot
}

func promFixtureBytes(_ name: String, _ ext: String) throws -> [UInt8] {
  let url = try #require(
    Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
  return Array(try Data(contentsOf: url))
}

/// Fixture text; invalid UTF-8 (hostile.log has some) becomes U+FFFD.
func promFixtureText(_ name: String, _ ext: String) throws -> String {
  String(decoding: try promFixtureBytes(name, ext), as: UTF8.self)
}
