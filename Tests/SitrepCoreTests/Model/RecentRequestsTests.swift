import Testing

@testable import SitrepCore

/// The recent 5xx list keeps the newest by time whatever order lines come in, so a line-by-line
/// read and a chunked read merged afterwards keep the same requests (a chunked test over a
/// recording repeated with the same stamps kept different ones, depending on how chunks fell).
@Suite struct RecentRequestsTests {
  static func request(_ t: EpochSeconds, _ path: String = "/x") -> Request {
    Request(time: t, method: "GET", path: path, route: path, status: 500)
  }

  @Test func outOfOrderAppendsKeepTheNewestByTime() {
    var list = RecentRequests(capacity: 3)
    for t in [5.0, 1, 9, 3, 7, 2] { list.append(Self.request(t)) }
    #expect(list.items.map(\.time) == [5, 7, 9])
  }

  @Test func amongEqualTimesTheLaterArrivalIsKept() {
    var list = RecentRequests(capacity: 2)
    list.append(Self.request(1, "/a"))
    list.append(Self.request(1, "/b"))
    list.append(Self.request(1, "/c"))
    #expect(list.items.map(\.path) == ["/b", "/c"])
  }

  @Test func splittingTheStreamAnywhereAndMergingKeepsTheSameRequests() {
    let stream = (0..<50).map { i in Self.request(Double((i * 37) % 23), "/\(i)") }
    var whole = RecentRequests(capacity: 10)
    for r in stream { whole.append(r) }
    for cut in [0, 7, 25, 49] {
      var first = RecentRequests(capacity: 10)
      var second = RecentRequests(capacity: 10)
      for r in stream[..<cut] { first.append(r) }
      for r in stream[cut...] { second.append(r) }
      first.absorb(second)
      #expect(first.items.map(\.time) == whole.items.map(\.time), "cut at \(cut)")
    }
  }
}
