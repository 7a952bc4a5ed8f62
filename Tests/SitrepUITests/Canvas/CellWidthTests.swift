import Glibc
import Testing

@testable import SitrepUI

/// The C library's own answer (Glibc's module does not export wcwidth).
@_silgen_name("wcwidth") private func systemWCWidth(_ c: Int32) -> Int32

/// CellWidth agrees with the C library ncurses draws with: a row of emoji, combining marks or
/// invisible characters takes the columns the terminal gives it and never overwrites a border.
@Suite struct CellWidthTests {
  /// The classes issue 19 found wrong, as a terminal counts them.
  @Test(arguments: [
    (0x1F680, 2), (0x2705, 2), (0x2728, 2), (0x1F44D, 2), (0x3000, 2),  // emoji, wide
    (0x0301, 0), (0x20D0, 0), (0x1AB0, 0), (0xFE20, 0),  // combining marks
    (0x200B, 0), (0x2060, 0), (0xFEFF, 0),  // invisible
    (0x0041, 1), (0x00E9, 1), (0x2764, 1), (0x1F1E6, 1),  // narrow
  ])
  func theClassesATerminalCountsDifferently(scalar: UInt32, columns: Int) throws {
    let s = try #require(Unicode.Scalar(scalar))
    #expect(CellWidth.of(s) == columns, "U+\(String(scalar, radix: 16, uppercase: true))")
  }

  /// Every scalar the table covers, against wcwidth(3) itself when this machine has a UTF-8
  /// locale (the table was generated from it; a different C library may differ by a version).
  @Test func everyScalarAgreesWithTheCLibrary() throws {
    guard setlocale(LC_CTYPE, "C.UTF-8") != nil else { return }
    var disagreements: [String] = []
    for v in UInt32(0x300)..<0x110000 where !(0xD800...0xDFFF).contains(v) {
      let expected = Int(systemWCWidth(Int32(bitPattern: v)))
      guard expected >= 0, let s = Unicode.Scalar(v) else { continue }
      if CellWidth.of(s) != expected, disagreements.count < 10 {
        disagreements.append("U+\(String(v, radix: 16, uppercase: true)): \(expected)")
      }
    }
    #expect(disagreements.isEmpty, "\(disagreements)")
  }

  @Test func aStringIsTheSumOfItsScalars() {
    #expect(CellWidth.of("ok 🚀 é\u{301}") == 2 + 1 + 2 + 1 + 1)
  }
}
