import Testing

@testable import SitrepCore

/// `init` reads the formats servers were configured with out of their config files.
@Suite struct DefinitionFinderTests {
  @Test func nginxDirectivesAreFoundWholeAndCommentsSkipped() {
    let conf = """
      # log_format commented '$remote_addr';
      http {
        log_format timed '$remote_addr - $remote_user [$time_local] "$request" '
                         '$status $body_bytes_sent $request_time'; access_log /x timed;
      }
      """
    #expect(
      DefinitionFinder.nginxLogFormats(conf) == [
        "log_format timed '$remote_addr - $remote_user [$time_local] \"$request\" ' "
          + "'$status $body_bytes_sent $request_time';"
      ])
  }

  @Test func gunicornsAccessLogFormatIsRead() {
    let conf = """
      bind = "127.0.0.1:8000"
      access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s'
      # access_log_format = 'old'
      """
    #expect(
      DefinitionFinder.gunicornAccessFormats(conf) == [
        #"%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(D)s"#
      ])
  }

  @Test func theDefinitionThatReadsTheLinesIsProposed() throws {
    let lines = try fixtureLines("gunicorn-access.log")
    let candidates = [
      "log_format main '$remote_addr [$time_local] $status';",
      #"%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(L)s"#,
    ]
    let proposal = try #require(DefinitionFinder.propose(for: lines, candidates: candidates))
    #expect(proposal.definition == candidates[1])
    #expect(proposal.descriptor.id == "gunicorn-declared")
    #expect(DefinitionFinder.propose(for: lines, candidates: [candidates[0]]) == nil)
  }
}
