import Glibc

/// A file opened for writing (created or emptied), for the demo and benchmark generators.
///
/// A plain descriptor instead of Foundation's `FileHandle`, which only full Foundation has; the
/// shipped binary links FoundationEssentials alone. A failed write is thrown, never ignored.
public final class OutputFile {
  private let descriptor: Int32
  public let path: String

  public init(creating path: String) throws {
    self.path = path
    descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw OutputFileError(path: path, code: errno) }
  }

  deinit { close(descriptor) }

  public func write(_ text: String) throws {
    if let code = DescriptorWriter.writeAll(descriptor, text) {
      throw OutputFileError(path: path, code: code)
    }
  }

}

public struct OutputFileError: Error, CustomStringConvertible {
  public let path: String
  public let code: Int32
  public var description: String { "\(path): \(String(cString: strerror(code)))" }
}
