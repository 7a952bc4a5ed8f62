import Testing

@testable import SitrepCore

/// 2026-11-26 15:59:50 UTC, the first line of the recorded nginx logs.
let recorded1559: EpochSeconds = 1_795_708_790

/// Feeds `lines` to a decoder of the format `definition` declares, then flushes.
func decodeDeclared(
  _ definition: String, dateFormat: String? = nil, text: [String],
  readAt: EpochSeconds = fixtureReadAt, options: DecoderOptions = DecoderOptions()
) throws -> Decoded {
  let descriptor = try FormatCatalog.resolve(definition, dateFormat: dateFormat)
  let requests = RequestSink.collecting()
  let decoder = descriptor.makeDecoder(options, requests)
  var events: [Event] = []
  for line in text {
    Array(line.utf8).withUnsafeBufferPointer {
      decoder.feed($0, readAt: readAt, into: &events)
    }
  }
  decoder.flush(into: &events)
  return Decoded(events: events, counts: decoder.counts, requests: requests.collected)
}

func decodeDeclared(
  _ definition: String, dateFormat: String? = nil, fixture: String,
  options: DecoderOptions = DecoderOptions()
) throws -> Decoded {
  try decodeDeclared(
    definition, dateFormat: dateFormat, text: try fixtureText(fixture), options: options)
}

/// The one request a line gives, or a failed expectation.
func oneRequest(_ definition: String, _ line: String) throws -> Request {
  let d = try decodeDeclared(definition, text: [line])
  #expect(d.counts.malformed == 0, "malformed: \(d.counts.recentMalformed)")
  return try #require(d.requests.first)
}

/// The error compiling `definition` gives; nil when it compiles.
func compileError(_ definition: String, dateFormat: String? = nil) -> DeclaredFormatError? {
  do {
    _ = try FormatCatalog.resolve(definition, dateFormat: dateFormat)
    return nil
  } catch {
    return error
  }
}
