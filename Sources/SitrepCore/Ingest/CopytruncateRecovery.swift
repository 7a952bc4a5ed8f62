import Glibc

/// After a copytruncate, what we had not read yet of the old generation is in the copy
/// (`x.log.1`, `x.log-20261124`), at the same offsets. Finding the copy whose bytes just before our
/// offset equal the last bytes we read lets us read the rest from there, closing most of
/// copytruncate's loss window. Only plain (not yet compressed) copies are considered.
enum CopytruncateRecovery {
  /// The newest few rotated siblings are enough: the copy was made moments ago.
  static let candidatesToTry = 3

  /// Opens the copy of `livePath` that continues at `offset`, positioned there.
  static func openCopy(of livePath: String, continuingAt offset: Int, after recent: [UInt8])
    -> Int32?
  {
    guard offset > 0, !recent.isEmpty, recent.count <= offset else { return nil }
    let candidates = RotatedName.siblings(of: livePath)
      .filter { !RotatedName.compressions.contains(where: $0.hasSuffix) }
      .suffix(candidatesToTry).reversed()
    for candidate in candidates {
      let (descriptor, _) = FileSystem.openForReading(candidate)
      guard descriptor >= 0 else { continue }
      if let info = FileSystem.info(descriptor: descriptor), info.isRegular, info.size >= offset,
        matches(descriptor, recent, endingAt: offset)
      {
        lseek(descriptor, off_t(offset), SEEK_SET)
        return descriptor
      }
      close(descriptor)
    }
    return nil
  }

  private static func matches(_ descriptor: Int32, _ expected: [UInt8], endingAt offset: Int)
    -> Bool
  {
    var actual = [UInt8](repeating: 0, count: expected.count)
    let got = actual.withUnsafeMutableBytes {
      FileSystem.readFully(descriptor, into: $0, at: offset - expected.count)
    }
    return got == expected.count && actual == expected
  }
}
