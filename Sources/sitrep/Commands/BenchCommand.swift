import ArgumentParser
import Dispatch
import FoundationEssentials
import Glibc
import SitrepBench
import SitrepCore

/// `sitrep bench ...`: the pieces `scripts/bench` drives (data generation, parser throughput,
/// follow throughput). Prints figures; asserts nothing.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench", abstract: "Benchmark helpers used by scripts/bench.",
    shouldDisplay: false,
    subcommands: [Generate.self, Parsers.self, Follow.self])

  struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write N nginx combined lines (with request time).")
    @Option var lines: Int = 1_000_000
    @Option var out: String
    @Option var seed: UInt64 = 1
    @Option(help: "Seconds between requests.") var spacing: Double = 0.01
    @Flag(help: "Let the requests end now (default: from a fixed moment, for reproducible files).")
    var endingNow = false
    func run() throws {
      let start =
        endingNow ? Date().timeIntervalSince1970 - Double(lines) * spacing : 1_795_000_000
      try BenchData.writeAccessLog(
        lines: lines, to: out, seed: seed, start: start, spacing: spacing)
    }
  }

  struct Parsers: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Lines per second for each decoder.")
    @Option var lines: Int = 200_000
    @Option(help: "Only this format (to profile one decoder).") var format: String?
    @Option(help: "Time the decoder of --format over this file's lines instead of generated ones.")
    var input: String?
    func run() throws {
      if let input {
        guard let format, let descriptor = FormatCatalog.descriptor(id: format) else {
          throw ValidationError("--input needs --format with a format id")
        }
        // Split as bytes: a String split of a 100 MB file took longer than decoding it.
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: input)))
        time(format, descriptor, data.split(separator: 0x0A).map(Array.init))
        return
      }
      let samples = BenchData.samples(count: lines)
      for (format, sample) in samples where self.format ?? format == format {
        guard let descriptor = FormatCatalog.descriptor(id: format) else { continue }
        time(format, descriptor, sample.map { Array($0.utf8) })
      }
      // Definitions declared in config, over the same lines as the built-in parser.
      for (sampleFormat, definition) in BenchData.declared {
        guard let descriptor = try? FormatCatalog.resolve(definition),
          self.format == nil || self.format == descriptor.id,
          let sample = samples.first(where: { $0.format == sampleFormat })?.lines
        else { continue }
        time(descriptor.id, descriptor, sample.map { Array($0.utf8) })
      }
    }

    private func time(
      _ format: String, _ descriptor: FormatDescriptor, _ bytes: [[UInt8]]
    ) {
      // Requests go straight into the model through the sink, as in sitrep: time that path.
      let monitor = Monitor()
      // The options sitrep decodes with: records below what the model keeps carry no text.
      let options = DecoderOptions(recordTextFrom: Monitor.keptLogLevel)
      let decoder = descriptor.makeDecoder(options, monitor.requestSink(service: "bench"))
      let intoModel = descriptor.role == .access
      var events: [Event] = []
      events.reserveCapacity(1024)
      // The lines one after another in one buffer, as sitrep reads a file's chunks: iterating an
      // array of arrays cost a retain and a release per line, timed as the decoder's.
      let flat = bytes.flatMap { $0 }
      var ends: [Int] = []
      ends.reserveCapacity(bytes.count)
      for line in bytes { ends.append((ends.last ?? 0) + line.count) }
      let t0 = DispatchTime.now().uptimeNanoseconds
      var produced = 0
      flat.withUnsafeBufferPointer { all in
        var start = 0
        for end in ends {
          decoder.feed(LineBytes(rebasing: all[start..<end]), readAt: 1_795_000_000, into: &events)
          start = end
          if events.count >= 1024 {
            produced += events.count
            events.removeAll(keepingCapacity: true)
          }
        }
      }
      decoder.flush(into: &events)
      produced += events.count
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
      let counts = decoder.counts
      // Padded in Swift: printf's `%-16s` counts bytes, not characters.
      let name = format + String(repeating: " ", count: max(0, 21 - format.count))
      print(
        name
          + String(cFormat: " %10.0f lines/s", Double(bytes.count) / seconds)
          + "  (\(bytes.count) lines, \(intoModel ? monitor.eventsIngested : produced) "
          + "\(intoModel ? "requests into the model" : "events"), \(counts.malformed) malformed)"
      )
    }
  }

  struct Follow: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Lines per second followed from a fast writer.")
    @Option var lines: Int = 2_000_000
    func run() throws {
      let dir = TemporaryFolder.path(named: "sitrep-bench-follow-\(getpid())")
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      defer { try? FileManager.default.removeItem(atPath: dir) }
      print(FollowBenchmark.run(lines: lines, directory: dir))
    }
  }
}
