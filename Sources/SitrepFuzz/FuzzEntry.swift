import SitrepCore

/// libFuzzer's callback (`scripts/fuzz` builds this target with `-sanitize=fuzzer`; a plain
/// build leaves it out, see Package.swift; main.swift hands it to libFuzzer's driver). One input goes through everything that reads untrusted
/// text: its lines through every catalog decoder (bare and inside every container wrapper) and
/// through detection, its first line as a format definition (then the rest through that format),
/// and the whole input as a `sitrep.toml`. A trap anywhere is a crash libFuzzer reports and keeps;
/// so is a broken promise checked here: every decoder counts every line exactly once.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  // The empty input may come with no buffer at all.
  let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
  FuzzRun(bytes).run()
  return 0
}

/// One input, split into lines as the line splitter would give them (without the newline).
struct FuzzRun {
  let bytes: [UInt8]
  let lines: [[UInt8]]
  /// Declared formats may compile to a Swift Regex, which is slow: a few lines shake it enough.
  static let declaredLines = 64

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(
      Array.init)
  }

  func run() {
    for descriptor in FormatCatalog.all {
      decode(lines, with: descriptor, wrapper: nil)
      for line in lines.prefix(FormatDetector.sampleLines) {
        let score = descriptor.scoreLine(String(decoding: line, as: UTF8.self))
        precondition((0...1).contains(score), "\(descriptor.id) scored \(score)")
      }
    }
    // Every wrapper around one decoder: the frames are the wrapper's to read, whatever is inside.
    if let inner = FormatCatalog.descriptor(id: "python-logging") {
      for wrapper in LineWrapper.allCases { decode(lines, with: inner, wrapper: wrapper) }
    }
    if let detection = FormatDetector.detect(lines: lines) {
      precondition((0...1).contains(detection.confidence), "confidence \(detection.confidence)")
      precondition(FormatCatalog.descriptor(id: detection.format) != nil, detection.format)
    }
    declared()
    config()
  }

  /// Feeds lines to a fresh decoder and checks the one promise every decoder makes.
  func decode(_ lines: [[UInt8]], with descriptor: FormatDescriptor, wrapper: LineWrapper?) {
    let requests = RequestSink.collecting(service: "fuzz")
    let inner = descriptor.makeDecoder(DecoderOptions(naiveZone: 3600, service: "fuzz"), requests)
    let decoder: any LineDecoder = wrapper.map { $0.wrap(inner) } ?? inner
    var events: [Event] = []
    for (index, line) in lines.enumerated() {
      line.withUnsafeBufferPointer {
        decoder.feed($0, readAt: 1_795_528_800 + Double(index), into: &events)
      }
    }
    decoder.flush(into: &events)
    let counts = decoder.counts
    let total = counts.parsed + counts.ignored + counts.malformed
    // Wrapped too: a piece joining a line still open counts as parsed by the wrapper, a message
    // of several lines once (UnwrappingDecoder).
    let name = wrapper.map { "\($0.rawValue)/\(descriptor.id)" } ?? descriptor.id
    precondition(total == lines.count, "\(name): \(total) of \(lines.count) lines counted")
  }

  /// The first line as a format definition (nginx `log_format`, Apache `LogFormat`, gunicorn,
  /// Python logging, a regex): a bad one must be an error, a good one must read the rest.
  func declared() {
    guard let first = lines.first else { return }
    let definition = String(decoding: first, as: UTF8.self)
    guard let descriptor = try? FormatCatalog.resolve(definition) else { return }
    decode(Array(lines.dropFirst().prefix(Self.declaredLines)), with: descriptor, wrapper: nil)
  }

  /// The whole input as config: an error names the file, never traps.
  func config() {
    let text = String(decoding: bytes, as: UTF8.self)
    _ = try? SitrepConfig.parse(text: text, path: "fuzz.toml", knownFormats: nil)
  }
}
