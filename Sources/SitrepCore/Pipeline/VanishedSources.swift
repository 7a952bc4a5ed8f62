/// The files a glob matched that are gone and retired (`SourceSet.takeRetired`), summed per glob:
/// their rows and decoders are freed, their counts stay, so the sources' lines still add up to
/// every line read.
struct VanishedSources {
  private var rows: [Int: SourceHealth] = [:]

  /// Adds one retired file's final health (reading and decoding halves) to its glob's row.
  mutating func add(_ file: SourceHealth, pattern: String) {
    var row =
      rows[file.specIndex]
      ?? {
        var row = SourceHealth(
          path: pattern, specIndex: file.specIndex, fileID: nil, state: .vanished)
        row.role = file.role
        row.service = file.service
        row.detection = file.detection
        row.host = file.host
        row.namedBy = [pattern]
        return row
      }()
    // What every file agreed on is kept; where they differ the row says nothing.
    if row.role != file.role { row.role = nil }
    if row.service != file.service { row.service = nil }
    if row.detection?.format != file.detection?.format { row.detection = nil }
    if row.host != file.host { row.host = nil }
    row.vanishedFiles += 1
    row.bytesRead += file.bytesRead
    row.lines += file.lines
    row.malformed += file.malformed
    row.future += file.future
    row.truncated += file.truncated
    row.invalidUTF8 += file.invalidUTF8
    row.withNUL += file.withNUL
    row.rotations += file.rotations
    row.truncations += file.truncations
    row.recoveredBytes += file.recoveredBytes
    row.recentMalformed = Array((row.recentMalformed + file.recentMalformed).suffix(5))
    rows[file.specIndex] = row
  }

  /// The row of each glob with retired files, in spec order.
  var health: [SourceHealth] { rows.keys.sorted().compactMap { rows[$0] } }
}
