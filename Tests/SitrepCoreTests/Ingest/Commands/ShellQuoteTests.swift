import Foundation
import Testing

@testable import SitrepCore

/// What sitrep hands the remote login shell must come back as exactly the bytes it meant.
@Suite struct ShellQuoteTests {
  static let odd = [
    "plain.log", "a b.log", "it's.log", "$(reboot)", "`id`", "semi;colon", "-dash", "=eq",
    "new\nline", "back\\slash", "quote\"d", "", "*.log", "tab\there", "ünïcode",
  ]

  @Test func plainWordsStayBareAndEverythingElseIsSingleQuoted() {
    #expect(ShellQuote.word("/var/log/nginx/access.log") == "/var/log/nginx/access.log")
    #expect(ShellQuote.word("a b") == "'a b'")
    #expect(ShellQuote.word("it's") == #"'it'\''s'"#)
    #expect(ShellQuote.word("") == "''")
    #expect(ShellQuote.word("=ls") == "'=ls'")
  }

  @Test(arguments: odd) func aQuotedWordReadsBackExactlyThroughSh(_ word: String) throws {
    let out = try Self.sh("printf '%s' " + ShellQuote.word(word))
    #expect(out == word)
  }

  @Test func aGlobExpandsOnlyItsWildcardsAndNeverRunsItsLiteralParts() throws {
    let dir = TemporaryDirectory()
    for name in ["x 1.log", "x $(touch pwned).log", "y.txt"] {
      FileManager.default.createFile(atPath: dir.file(name), contents: nil)
    }
    let pattern = dir.path + "/x *.log"
    #expect(ShellQuote.glob(pattern) == "'\(dir.path)/x '*.log")
    let out = try Self.sh("for f in \(ShellQuote.glob(pattern)); do printf '%s|' \"$f\"; done")
    #expect(out == "\(dir.path)/x $(touch pwned).log|\(dir.path)/x 1.log|")
    #expect(!FileManager.default.fileExists(atPath: dir.file("pwned")))
    #expect(ShellQuote.glob("/l/app[12].log") == "/l/app[12].log")
    #expect(ShellQuote.glob("/l/a'b/*") == #"'/l/a'\''b/'*"#)
  }

  static func sh(_ script: String) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", script]
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
  }
}
