import Testing

@testable import SitrepCore

@Suite struct RotatedNameTests {
  @Test func recognisesRotatedNames() {
    for name in [
      "/l/app.log.1", "/l/app.log.2.gz", "/l/app.log-20261124", "/l/app.log-20261124.gz",
      "/l/app.log.3.xz", "app.log.gz",
    ] {
      #expect(RotatedName.isRotated(name), "\(name)")
    }
    for name in ["/l/app.log", "/l/access-log", "/l/app-2026-11-24.log", "/l/v1.2.3-beta"] {
      #expect(!RotatedName.isRotated(name), "\(name)")
    }
  }

  @Test func ordersSiblingsOldestFirst() {
    let directory = TemporaryDirectory()
    let live = directory.file("app.log")
    for name in ["app.log", "app.log.1", "app.log.2.gz", "app.log.10", "app.log.bak", "app.logx.1"]
    {
      FileOps.write(directory.file(name), "")
    }
    #expect(
      RotatedName.siblings(of: live)
        == ["app.log.10", "app.log.2.gz", "app.log.1"].map {
          directory.file($0)
        })
  }

  @Test func datedSiblingsAscending() {
    let directory = TemporaryDirectory()
    for name in ["x.log-20261124", "x.log-20261122.gz", "x.log-20261123"] {
      FileOps.write(directory.file(name), "")
    }
    #expect(
      RotatedName.siblings(of: directory.file("x.log"))
        == [
          "x.log-20261122.gz", "x.log-20261123", "x.log-20261124",
        ].map { directory.file($0) })
  }
}
