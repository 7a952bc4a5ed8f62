import Testing

@testable import SitrepCore

@Suite struct RemoteShorthandTests {
  let nothingExists: (String) -> Bool = { _ in false }

  @Test func hostPathsGlobsJournalAndDocker() {
    #expect(
      RemoteShorthand.parse("web1:/var/log/nginx/access.log", exists: nothingExists)
        == .remoteFile(host: "web1", path: "/var/log/nginx/access.log"))
    #expect(
      RemoteShorthand.parse("deploy@web-2.example.com:/srv/*.log", exists: nothingExists)
        == .remoteGlob(host: "deploy@web-2.example.com", pattern: "/srv/*.log"))
    #expect(
      RemoteShorthand.parse("web1:~/logs/app.log", exists: nothingExists)
        == .remoteFile(host: "web1", path: "~/logs/app.log"))
    #expect(
      RemoteShorthand.parse("journal:nginx", exists: nothingExists)
        == .journal(host: nil, unit: "nginx"))
    #expect(
      RemoteShorthand.parse("db1:journal:postgresql.service", exists: nothingExists)
        == .journal(host: "db1", unit: "postgresql.service"))
    #expect(RemoteShorthand.parse("docker:api", exists: nothingExists) == .docker(name: "api"))
  }

  @Test func pathsThatAreNotShorthandsStayPaths() {
    for text in [
      "/var/log/a:b.log", "./web1:/x", "access.log", "web1:relative.log", "-oProxyCommand=x:/y",
      "journal:", "docker:", "web 1:/x", "web1:",
    ] {
      #expect(RemoteShorthand.parse(text, exists: nothingExists) == nil, "\(text)")
    }
  }

  @Test func anExistingLocalFileWithAColonStaysAFile() throws {
    let dir = TemporaryDirectory()
    let name = "web1:"
    FileOps.write(dir.file(name), "x\n")
    // Relative to nothing: a name as typed, checked as the path it is.
    #expect(
      RemoteShorthand.parse("web1:/etc/hostname", exists: { $0 == "web1:/etc/hostname" }) == nil)
    #expect(RemoteShorthand.parse(dir.file(name)) == nil)
    #expect(RemoteShorthand.parse("docker:x", exists: { _ in true }) == nil)
  }

  @Test func theHostLabelComesFromTheShorthand() {
    #expect(CommandTarget.remoteFile(host: "web1", path: "/x").host == "web1")
    #expect(CommandTarget.journal(host: nil, unit: "x").host == nil)
    #expect(CommandTarget.docker(name: "x").host == nil)
    #expect(CommandTarget.argv(["ssh", "web1"]).host == nil)
  }
}
