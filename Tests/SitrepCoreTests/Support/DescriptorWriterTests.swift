import Foundation
import SitrepCore
import Testing

/// The one write loop behind the demo's files, standard output and standard error.
@Suite struct DescriptorWriterTests {
  @Test func everyByteReachesTheFile() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sitrep-writer-\(UUID().uuidString)"
    ).path
    defer { unlink(path) }
    let text = String(repeating: "ligne é\n", count: 50_000)
    let file = try OutputFile(creating: path)
    try file.write(text)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
  }

  @Test func aFullDeviceIsAnErrorNotSilence() {
    let descriptor = open("/dev/full", O_WRONLY)
    #expect(descriptor >= 0)
    defer { close(descriptor) }
    #expect(DescriptorWriter.writeAll(descriptor, "answer\n") == ENOSPC)
    #expect(DescriptorWriter.writeAll(descriptor, "") == nil)
  }
}
