import Glibc

/// Reads the transitions of an IANA zone (`Europe/Berlin`) from its TZif file in the system's
/// zone database. Only the version-1 block is read: it lists every change from 1901 to 2037 in the
/// "fat" files distributions ship, which covers any log a service writes; later moments keep the
/// last offset.
enum TZifReader {
  static let databaseDirectory = "/usr/share/zoneinfo"

  /// `nil` when the name is not a zone file (or not a plain name: no `..`, no leading `/`).
  static func transitions(named name: String, directory: String = databaseDirectory)
    -> ZoneTransitions?
  {
    guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains("..") else {
      return nil
    }
    guard let bytes = readSmallFile(directory + "/" + name) else { return nil }
    return parse(bytes)
  }

  static func parse(_ bytes: [UInt8]) -> ZoneTransitions? {
    guard bytes.count >= 44, bytes[0] == 0x54, bytes[1] == 0x5A, bytes[2] == 0x69,
      bytes[3] == 0x66
    else { return nil }
    func count(_ index: Int) -> Int { Int(bigEndian32(bytes, 20 + index * 4)) }
    let (utcCount, stdCount, leapCount) = (count(0), count(1), count(2))
    let (timeCount, typeCount, charCount) = (count(3), count(4), count(5))
    guard typeCount > 0 else { return nil }
    let timesStart = 44
    let indicesStart = timesStart + timeCount * 4
    let typesStart = indicesStart + timeCount
    let end = typesStart + typeCount * 6 + charCount + leapCount * 8 + stdCount + utcCount
    guard end <= bytes.count else { return nil }
    func typeOffset(_ type: Int) -> Int? {
      guard type < typeCount else { return nil }
      return Int(Int32(bitPattern: bigEndian32(bytes, typesStart + type * 6)))
    }
    // Before the first change, the first non-DST type applies (RFC 8536 §3.2), else type 0.
    var firstType = 0
    for type in 0..<typeCount where bytes[typesStart + type * 6 + 4] == 0 {
      firstType = type
      break
    }
    guard let initial = typeOffset(firstType) else { return nil }
    var moments: [Int] = []
    var offsets = [initial]
    for index in 0..<timeCount {
      let moment = Int(Int32(bitPattern: bigEndian32(bytes, timesStart + index * 4)))
      guard let offset = typeOffset(Int(bytes[indicesStart + index])) else { return nil }
      if let last = moments.last, moment <= last { return nil }
      moments.append(moment)
      offsets.append(offset)
    }
    return ZoneTransitions(moments: moments, offsets: offsets)
  }

  private static func bigEndian32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
    UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8
      | UInt32(bytes[at + 3])
  }

  /// Zone files are a few KiB; anything over 256 KiB is not one.
  private static func readSmallFile(_ path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16_384)
    while bytes.count <= 256 << 10 {
      let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { return n == 0 ? bytes : nil }
      bytes += chunk[0..<n]
    }
    return nil
  }
}
