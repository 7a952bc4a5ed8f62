import Glibc

extension FollowedFile {
  /// After a rename rotation: the generations written and rotated away between two reads, which
  /// this source never opened. In a rotation storm (a rename every few milliseconds) the file
  /// we held became `app.log.2` while the one after it, now `app.log.1`, was never at the path
  /// when we looked (issue 19: 199,172 of 200,000 lines). They are found by identity (device and
  /// inode) among the rotated siblings: every plain sibling younger than the file we held, that is
  /// not the file opened next (nor younger than it: it may have been rotated too meanwhile) and
  /// was not read before. Each is read whole, oldest first, after the rest of the file we held
  /// and before the next one, and drained like it.
  func readMissedGenerations(
    after held: FileSystem.Info, before next: FileSystem.Info?, _ environment: FollowEnvironment,
    _ sink: (IngestItem) -> Void
  ) {
    var passedHeld = false
    var missed: [String] = []
    for sibling in RotatedName.siblings(of: path)
    where !RotatedName.compressions.contains(where: { sibling.hasSuffix($0) }) {
      guard case .found(let info) = FileSystem.info(path: sibling), info.isRegular else { continue }
      if info.sameFile(as: held) {
        passedHeld = true
        missed = []
      } else if let next, info.sameFile(as: next) {
        // The next file was rotated away too since it was opened: what is younger than it comes
        // after it, when its own rotation is noticed.
        break
      } else if passedHeld, !isKnownGeneration(info, next: next) {
        missed.append(sibling)
      }
    }
    for sibling in missed {
      let (descriptor, _) = FileSystem.openForReading(sibling)
      guard descriptor >= 0 else { continue }
      // Renamed again between the look and the open: the identity decides, not the name.
      guard let info = FileSystem.info(descriptor: descriptor), info.isRegular,
        !isKnownGeneration(info, next: next)
      else {
        close(descriptor)
        continue
      }
      let open = OpenFile(
        descriptor: descriptor, info: info, offset: 0,
        maxLineBytes: environment.options.maxLineBytes, gzip: false)
      status.rotations += 1
      let outcome = open.read(budget: .max) { deliver($0, $1, to: sink) }
      noteData(bytes: outcome.bytes, now: environment.now)
      open.drainUntil = environment.now + environment.options.rotatedDrainSeconds
      open.lastDataAt = environment.now
      draining.append(open)
    }
  }

  /// A file this source holds, drained, or read before, or the one at the path now.
  private func isKnownGeneration(_ info: FileSystem.Info, next: FileSystem.Info?) -> Bool {
    if let next, info.sameFile(as: next) { return true }
    if let current, current.info.sameFile(as: info) { return true }
    if draining.contains(where: { $0.info.sameFile(as: info) }) { return true }
    return resumePoints[ResumePoint.Key(info)] != nil
  }
}
