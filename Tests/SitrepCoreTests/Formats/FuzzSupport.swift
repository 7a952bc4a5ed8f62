import Testing

@testable import SitrepCore

/// The seeded fuzz loops' shared parts (DecoderFuzzTests, DeclaredFuzzTests): one corpus of
/// random, cut and mutated fixture lines, and one check that a decoder survives it and counts
/// every line once. `scripts/fuzz` goes further with libFuzzer (Sources/SitrepFuzz).
enum FuzzSupport {
  /// SplitMix64: small, deterministic, good enough to shake parsers.
  struct SeededRNG: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let fixtures = [
    "nginx-combined.log", "nginx-upstream.log", "apache-common.log", "gunicorn-access.log",
    "uvicorn.log", "app-python.log", "gunicorn-error.log", "app-structlog.jsonl",
    "app-jsonlogger.jsonl", "app-logfmt.log", "celery-worker.log", "rq-worker.log",
    "syslog-cron.log", "deploys.jsonl", "deploys-capistrano.log", "hostile.log",
    // The servers' recordings (issue 14).
    "formats/gunicorn-uvicorn/access.log", "formats/flask-werkzeug/server.log",
    "formats/django-runserver/server.log", "formats/uwsgi/uwsgi.log",
    "formats/hypercorn/access.log",
    "formats/daphne/access.log", "formats/caddy/access.log", "formats/haproxy/haproxy.log",
  ]

  /// `count` lines: a fifth pure random bytes, a fifth fixture lines cut short, the rest fixture
  /// lines with a few bytes flipped, deleted or hostile tokens inserted. The same every run.
  static func corpus(count: Int) throws -> [[UInt8]] {
    var rng = SeededRNG(state: 20_261_124)
    var seeds: [[UInt8]] = []
    // Seeds are capped at 2 kB: the 100 kB hostile line is covered elsewhere and would only slow this down.
    for f in fixtures { seeds += try fixtureLines(f).map { Array($0.prefix(2048)) } }
    let tokens: [[UInt8]] = [
      "99999999999999999999", "\u{1B}[", "\"", "\\", "[", "]", ":", "-", " ",
      "Traceback (most recent call last):",
      "  File \"", "+0530", "-0700", "30/Feb/2026", "{", "}", "=", "\u{0}", "(", ")", "\n",
    ].map { Array($0.utf8) }
    var lines: [[UInt8]] = []
    while lines.count < count {
      switch rng.next() % 5 {
      case 0:
        let n = Int(rng.next() % 120)
        lines.append((0..<n).map { _ in UInt8(truncatingIfNeeded: rng.next()) })
      case 1:
        let s = seeds[Int(rng.next() % UInt64(seeds.count))]
        lines.append(Array(s.prefix(Int(rng.next() % UInt64(s.count + 1)))))
      default:
        var s = seeds[Int(rng.next() % UInt64(seeds.count))]
        for _ in 0..<(1 + rng.next() % 4) where !s.isEmpty {
          let at = Int(rng.next() % UInt64(s.count))
          switch rng.next() % 3 {
          case 0: s[at] = UInt8(truncatingIfNeeded: rng.next())
          case 1: s.remove(at: at)
          default: s.insert(contentsOf: tokens[Int(rng.next() % UInt64(tokens.count))], at: at)
          }
        }
        lines.append(s)
      }
    }
    return lines
  }

  /// Feeds `lines` to a fresh decoder of `descriptor` (flushing every 1000 lines, as a quiet
  /// period would) and checks what every decoder promises: every line counted exactly once, at
  /// most `keptMalformed` malformed lines kept and those sanitised, finite times, and no more
  /// requests and events than parsed lines (a traceback line joins a record: fewer, never more).
  static func expectEveryLineCountedOnce(
    _ lines: [[UInt8]], by descriptor: FormatDescriptor, label: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let requests = RequestSink.collecting()
    let decoder = descriptor.makeDecoder(DecoderOptions(naiveZone: 3600, service: "svc"), requests)
    var events: [Event] = []
    for (i, line) in lines.enumerated() {
      line.withUnsafeBufferPointer {
        decoder.feed($0, readAt: fixtureReadAt + Double(i), into: &events)
      }
      if i % 1000 == 999 { decoder.flush(into: &events) }
    }
    decoder.flush(into: &events)
    let c = decoder.counts
    #expect(total(c) == lines.count, "\(label)", sourceLocation: sourceLocation)
    #expect(c.recentMalformed.count <= LineTally.keptMalformed, sourceLocation: sourceLocation)
    for text in c.recentMalformed {
      #expect(
        !text.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
        "\(label)", sourceLocation: sourceLocation)
    }
    #expect(events.allSatisfy { $0.time.isFinite }, "\(label)", sourceLocation: sourceLocation)
    #expect(
      requests.collected.allSatisfy { $0.time.isFinite }, "\(label)",
      sourceLocation: sourceLocation)
    #expect(
      requests.collected.count + events.count <= c.parsed, "\(label)",
      sourceLocation: sourceLocation)
  }
}
