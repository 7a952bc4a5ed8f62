import Testing

@testable import SitrepCore

/// `[[source]] command = [...]`: a program and its arguments, run without a shell; refused with
/// its line and a fix when it is not a list of text.
@Suite struct SourceCommandConfigTests {
  @Test func aCommandIsReadAndNamedByItsPathOrItself() throws {
    let config = try SitrepConfig.parse(
      text: """
        [[source]]
        command = ["kubectl", "logs", "-f", "deploy/api"]
        path = "k8s:api"
        service = "api"

        [[source]]
        command = ["sh", "-c", "tail -F /var/log/a.log"]
        """)
    #expect(config.sources[0].command == ["kubectl", "logs", "-f", "deploy/api"])
    #expect(config.sources[0].path == "k8s:api")
    #expect(config.sources[1].command == ["sh", "-c", "tail -F /var/log/a.log"])
    #expect(config.sources[1].path == "sh -c 'tail -F /var/log/a.log'")
  }

  @Test(arguments: [
    #"command = "tail -F /var/log/a.log""#, "command = []", #"command = ["", "x"]"#,
    #"command = ["tail", 3]"#,
  ])
  func aCommandThatIsNotAListOfTextIsRefused(line: String) throws {
    do {
      _ = try SitrepConfig.parse(text: "[[source]]\n\(line)\n", path: "/etc/sitrep.toml")
      Issue.record("expected a config error")
    } catch {
      #expect(error.line == 2)
      #expect(error.problem.contains("is not a list of a program and its arguments"))
      #expect(error.fix?.contains(#"["sh", "-c", "..."]"#) == true)
    }
  }

  @Test func aSourceNeedsAPathOrACommand() throws {
    do {
      _ = try SitrepConfig.parse(text: "[[source]]\nservice = \"api\"\n")
      Issue.record("expected a config error")
    } catch {
      #expect(error.problem == "[[source]] without a path or a command")
    }
  }
}
