/// Decodes a Prometheus text exposition file (node_exporter textfile collector style).
///
/// The file is re-read whole each time it is replaced, so `feed` only accumulates; `flush` closes
/// one read and emits it as a single `.metrics` snapshot.
///
/// Snapshot time: the `readAt` of the last line fed, not the largest sample timestamp. Most textfile
/// metrics carry no timestamp at all, and rates need every snapshot of a file on the same clock;
/// per-sample timestamps stay available on each `MetricSample`.
public final class PrometheusDecoder: LineDecoder {
  public let formatID = PrometheusFormat.id
  public private(set) var counts = LineCounts()
  /// A metrics line is a sample, never an error line of its own.
  public let lastLineMark = LineMark.plain

  private var types: [String: MetricType] = [:]
  private var samples: [MetricSample] = []
  private var lastReadAt: EpochSeconds?
  private static let keptMalformed = 5
  /// A metrics file past this many samples is not a textfile-collector file (someone pointed sitrep
  /// at a dump or a log): the rest is counted as ignored instead of growing memory without bound.
  public static let defaultMaxSamples = 500_000
  private let maxSamples: Int

  public init(options: DecoderOptions = DecoderOptions(), maxSamples: Int = defaultMaxSamples) {
    self.maxSamples = maxSamples
  }

  public func feed(_ line: LineBytes, readAt: EpochSeconds, into events: inout [Event]) {
    lastReadAt = readAt
    switch PrometheusLineParser.parse(line) {
    case .sample(let sample):
      guard samples.count < maxSamples else {
        counts.ignored += 1
        return
      }
      samples.append(sample)
      counts.parsed += 1
    case .type(let name, let type):
      types[name] = type
      counts.parsed += 1
    case .comment:
      counts.ignored += 1
    case .malformed:
      counts.malformed += 1
      counts.recentMalformed.append(PrometheusMalformedText.sanitised(line))
      if counts.recentMalformed.count > Self.keptMalformed {
        counts.recentMalformed.removeFirst(counts.recentMalformed.count - Self.keptMalformed)
      }
    }
  }

  public func flush(into events: inout [Event]) {
    defer {
      types = [:]
      samples = []
      lastReadAt = nil
    }
    // A flush with nothing fed since the last one (a quiet period) is not an empty snapshot.
    guard let time = lastReadAt, !samples.isEmpty || !types.isEmpty else { return }
    events.append(.metrics(MetricsSnapshot(time: time, types: types, samples: samples)))
  }
}

/// Makes a rejected line safe to show: control characters become spaces (or are dropped) so a
/// hostile file cannot move the cursor or change colours, and the text is cut to a displayable size.
enum PrometheusMalformedText {
  static let maxCharacters = 200

  static func sanitised(_ line: LineBytes) -> String {
    var result = ""
    for scalar in String(decoding: line, as: UTF8.self).unicodeScalars {
      if result.unicodeScalars.count >= maxCharacters {
        result += "…"
        break
      }
      switch scalar.value {
      case 0x09: result += " "
      case 0x00..<0x20, 0x7F..<0xA0: continue
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
