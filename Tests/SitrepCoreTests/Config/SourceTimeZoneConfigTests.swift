import Testing

@testable import SitrepCore

/// `[[source]] tz = ...`: the zone of a file's zoneless stamps, refused with its line when it is
/// not one.
@Suite struct SourceTimeZoneConfigTests {
  @Test func offsetsAndNamesAreRead() throws {
    let config = try SitrepConfig.parse(
      text: """
        [[source]]
        path = "/var/log/celery/worker.log"
        tz = "UTC"

        [[source]]
        path = "/var/log/app/app.log"
        tz = "+02:00"

        [[source]]
        path = "/var/log/app/other.log"
        tz = "Europe/Berlin"

        [[source]]
        path = "/var/log/app/plain.log"
        """)
    #expect(config.sources[0].tz == .utc)
    #expect(config.sources[1].tz == .fixed(7200))
    #expect(config.sources[2].tz?.label(now: 0) == "Europe/Berlin")
    #expect(config.sources[3].tz == nil)
  }

  @Test func aServiceZoneCoversItsAccessAndAppLogs() throws {
    let config = try SitrepConfig.parse(
      text: """
        [[service]]
        name = "api"
        app = ["/var/log/api/app.log"]
        tz = "-05:00"
        """)
    #expect(config.services[0].tz == .fixed(-5 * 3600))
    do {
      _ = try SitrepConfig.parse(text: "[[service]]\nname = \"api\"\ntz = \"EST+5\"\n")
      Issue.record("expected a config error")
    } catch {
      #expect(error.line == 3)
    }
  }

  @Test func aBadZoneIsRefusedWithItsLineAndAFix() throws {
    do {
      _ = try SitrepConfig.parse(
        text: "[[source]]\npath = \"/var/log/celery/worker.log\"\ntz = \"CEST+2\"\n",
        path: "/etc/sitrep.toml")
      Issue.record("expected a config error")
    } catch {
      #expect(error.line == 3)
      #expect(error.problem == #"tz = "CEST+2" is not a time zone"#)
      #expect(error.fix?.contains(#""+02:00""#) == true)
      #expect(error.description.hasPrefix("/etc/sitrep.toml:3: "))
    }
  }

  @Test func aZoneThatIsNotTextIsRefused() throws {
    do {
      _ = try SitrepConfig.parse(text: "[[source]]\npath = \"/x.log\"\ntz = 2\n")
      Issue.record("expected a config error")
    } catch {
      #expect(error.line == 3)
    }
  }
}
