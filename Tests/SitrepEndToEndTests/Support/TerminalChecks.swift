import Foundation
import Testing

extension TmuxSession {
  /// The pane is back to a shell: no alternate screen, cursor visible, and canonical mode and
  /// echo on (read from `stty -a` run in the pane itself).
  func expectTerminalRestored() throws {
    try waitFor(format: "#{alternate_on}", toBe: "0")
    #expect(try display("#{cursor_flag}") == "1")
    try type("stty -a; echo STTY-DONE")
    try send("Enter")
    let screen = try waitFor("stty output") {
      // The echoed command line holds the marker too; the output line is the marker alone.
      $0.split(separator: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "STTY-DONE" }
    }
    let words = Set(screen.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == ";" }))
    #expect(words.contains("icanon") && !words.contains("-icanon"), "icanon off:\n\(screen)")
    #expect(words.contains("echo") && !words.contains("-echo"), "echo off:\n\(screen)")
    #expect(words.contains("icrnl") && !words.contains("-icrnl"), "icrnl off:\n\(screen)")
  }
}
