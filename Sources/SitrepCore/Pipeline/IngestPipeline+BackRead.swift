extension IngestPipeline {
  /// A reader of older lines for the file at `path`, decoding with a fresh decoder of the format
  /// and options its source reads with; `nil` until the format is known, or for a source whose
  /// lines have no place in a file.
  public func backReader(for path: String) -> LineBackReader? {
    guard let d = decodingSource(path: path), let make = d.freshDecoder else { return nil }
    return LineBackReader(
      path: path, makeDecoder: make, naiveZone: d.zone?.zone ?? LineTimeProbe.latestZone,
      role: d.effectiveRole, service: d.service, host: d.host,
      maxLineBytes: sources.options.maxLineBytes)
  }

  /// Answers the log view's request: each file's page, merged by time. Runs on the model thread.
  public func readBack(_ request: BackReadRequest) -> BackReadPage {
    var perFile: [[ArchivedLine]] = []
    var outcomes: [BackReadPage.Outcome] = []
    for anchor in request.anchors {
      guard let reader = backReader(for: anchor.path) else {
        outcomes.append(.init(path: anchor.path, unreadable: true))
        continue
      }
      let result: LineBackReader.Result
      switch request.direction {
      case .older:
        result = reader.older(
          than: anchor.position, count: request.pageLines, readAt: anchor.readAt)
      case .newer:
        result = reader.newer(
          than: anchor.position, until: anchor.until ?? .max, count: request.pageLines,
          readAt: anchor.readAt)
      }
      perFile.append(result.lines)
      outcomes.append(
        .init(
          path: anchor.path, linesRead: result.lines.count, reachedEnd: result.reachedEnd,
          changed: result.changed))
    }
    return BackReadPage(
      requestID: request.id, direction: request.direction, lines: BackReadPage.merged(perFile),
      outcomes: outcomes)
  }
}
