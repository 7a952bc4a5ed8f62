import Foundation
import Testing

@testable import SitrepCore

/// 2026-11-24 14:00:00 UTC, the hour the fixtures were written for.
let fixtureHour: EpochSeconds = 1_795_528_800
/// When tests pretend the lines were read: a little after the fixtures' last line.
let fixtureReadAt: EpochSeconds = fixtureHour + 3600

/// Raw lines of a fixture file (bytes, split on `\n`, trailing empty line dropped).
func fixtureLines(_ name: String) throws -> [[UInt8]] {
  let dot = try #require(name.lastIndex(of: "."))
  let url = try #require(
    Bundle.module.url(
      forResource: String(name[..<dot]), withExtension: String(name[name.index(after: dot)...]),
      subdirectory: "Fixtures"))
  let data = try Data(contentsOf: url)
  var lines = [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
  if lines.last?.isEmpty == true { lines.removeLast() }
  return lines
}

func fixtureText(_ name: String) throws -> [String] {
  try fixtureLines(name).map { String(decoding: $0, as: UTF8.self) }
}

struct Decoded {
  var events: [Event]
  var counts: LineCounts
  /// What the decoder wrote to its `RequestSink`.
  var requests: [Request]

  var records: [LogRecord] { events.compactMap { if case .log(let r) = $0 { r } else { nil } } }
  var jobs: [JobEvent] { events.compactMap { if case .job(let j) = $0 { j } else { nil } } }
  var deploys: [DeployEvent] {
    events.compactMap { if case .deploy(let d) = $0 { d } else { nil } }
  }
}

/// Feeds lines to a fresh decoder of `format`, then flushes.
func decode(
  _ format: String, lines: [[UInt8]], readAt: EpochSeconds = fixtureReadAt,
  options: DecoderOptions = DecoderOptions()
) throws -> Decoded {
  let descriptor = try #require(FormatCatalog.descriptor(id: format))
  let requests = RequestSink.collecting()
  let decoder = descriptor.makeDecoder(options, requests)
  var events: [Event] = []
  for line in lines {
    line.withUnsafeBufferPointer { decoder.feed($0, readAt: readAt, into: &events) }
  }
  decoder.flush(into: &events)
  return Decoded(events: events, counts: decoder.counts, requests: requests.collected)
}

func decode(
  _ format: String, text: [String], readAt: EpochSeconds = fixtureReadAt,
  options: DecoderOptions = DecoderOptions()
) throws -> Decoded {
  try decode(format, lines: text.map { Array($0.utf8) }, readAt: readAt, options: options)
}

func decode(_ format: String, fixture: String, options: DecoderOptions = DecoderOptions()) throws
  -> Decoded
{
  try decode(format, lines: try fixtureLines(fixture), options: options)
}

func approx(_ a: Double?, _ b: Double, tolerance: Double = 1e-6) -> Bool {
  guard let a else { return false }
  return abs(a - b) <= tolerance
}

func total(_ c: LineCounts) -> Int { c.parsed + c.ignored + c.malformed }
