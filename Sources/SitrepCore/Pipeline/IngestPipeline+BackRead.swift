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
          than: anchor.position, count: request.pageLines, readAt: anchor.readAt,
          expecting: anchor.text)
      case .newer:
        result = reader.newer(
          than: anchor.position, until: anchor.until ?? .max, count: request.pageLines,
          readAt: anchor.readAt, expecting: anchor.text)
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

  /// Pages a search reads on at most per request: 100,000 lines of one file per key.
  public static let maxSearchPages = 50

  /// Like `readBack(_:)`, but for a search going on into one file's older lines: pages are read
  /// on until one has a line `matches` accepts, the file's first line, or `maxSearchPages`. The
  /// page returned is the last one read; the lines passed over are counted, not kept.
  public func readBack(_ request: BackReadRequest, until matches: (String) -> Bool)
    -> BackReadPage
  {
    var page = readBack(request)
    guard request.direction == .older, request.anchors.count == 1 else { return page }
    var next = request
    var passed = 0
    for _ in 1..<Self.maxSearchPages {
      guard !page.lines.contains(where: { matches($0.text) }),
        let outcome = page.outcomes.first,
        !outcome.reachedEnd && !outcome.changed && !outcome.unreadable,
        let first = page.lines.first, let position = first.position
      else { break }
      passed += page.lines.count
      next.anchors[0].position = position
      next.anchors[0].text = first.text
      page = readBack(next)
    }
    page.passedOver = passed
    return page
  }
}
