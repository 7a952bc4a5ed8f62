import SitrepCore
import Testing

@testable import SitrepUI

/// A command source's row in the sources view explains itself: what it runs, on which host, how
/// it last ended, its restarts and its last stderr lines; a failing one is in trouble, never quiet.
@Suite struct CommandSourceViewTests {
  static func failingHost() -> SourceHealth {
    var s = SourceHealth(
      path: "web2:/var/log/nginx/access.log", role: .access, service: "api",
      state: .failing(
        "ssh exited with status 255: ssh: connect to host web2 port 22: Connection refused; "
          + "retrying in 4s"))
    s.command = [
      "ssh", "-o", "BatchMode=yes", "--", "web2",
      "exec tail -F -n 65536 -- /var/log/nginx/access.log",
    ]
    s.host = "web2"
    s.lastExit = "ssh exited with status 255"
    s.stderrTail = ["ssh: connect to host web2 port 22: Connection refused"]
    s.restarts = 3
    return s
  }

  @Test func theSourcesViewShowsTheCommandItsHostExitAndStderr() {
    var snap = DemoFixture.snapshot
    snap.sources = [Self.failingHost()]
    var state = DemoFixture.state(width: 160, height: 40, snapshot: snap)
    state.stack.append(ScreenFrame(.sources))
    let text = RootView.render(state, ctx: ViewContext(glyphs: .unicode)).text
    #expect(text.contains("failing"))
    #expect(
      text.contains(
        "web2:/var/log/nginx/access.log: ssh exited with status 255: ssh: connect to host web2 port 22: Connection refused; retrying in 4s"
      ))
    #expect(
      text.contains(
        "runs: ssh -o BatchMode=yes -- web2 exec tail -F -n 65536 -- /var/log/nginx/access.log"))
    #expect(text.contains("host web2, restarted 3x, last ssh exited with status 255"))
    #expect(text.contains("its standard error, last lines:"))
    #expect(text.contains("  ssh: connect to host web2 port 22: Connection refused"))
    #expect(text.contains("1 source in trouble"))
  }

  @Test func theTextReportNamesTheHostAndRestarts() {
    var snap = DemoFixture.snapshot
    snap.sources = [Self.failingHost()]
    let text = TextReport.render(snap, width: 200, glyphs: .unicode)
    #expect(
      text.contains(
        "web2:/var/log/nginx/access.log  unknown failing  0 lines, host web2, restarted 3x"))
    #expect(text.contains("ssh exited with status 255: ssh: connect to host web2 port 22"))
  }
}
