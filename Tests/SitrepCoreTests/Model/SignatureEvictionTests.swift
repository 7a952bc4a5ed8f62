import Testing

@testable import SitrepCore

/// Evicting the least recently seen signature must not make an old error look new later.
@Suite struct SignatureEvictionTests {
  @Test func aReturningSignatureKeepsItsFirstSeen() {
    var sigs = ErrorSignatures()
    let old = ExceptionInfo(type: "KeyError", message: "'sku'")
    sigs.record(old, at: 1, origin: ErrorOrigin())
    // A flood of other errors pushes it out.
    for i in 0..<ErrorSignatures.maxSignatures {
      sigs.record(
        ExceptionInfo(type: "Flood\(i)Error", message: "x"), at: 10 + Double(i),
        origin: ErrorOrigin())
    }
    #expect(sigs.byKey.count == ErrorSignatures.maxSignatures)
    #expect(!sigs.byKey.values.contains { $0.type == "KeyError" })
    sigs.record(old, at: 1000, origin: ErrorOrigin())
    let back = sigs.byKey.values.first { $0.type == "KeyError" }
    #expect(back?.firstSeen == 1)
    #expect(back?.lastSeen == 1000)
  }

  @Test func theMemoryOfEvictedKeysIsBounded() {
    var memory = EvictedFirstSeen()
    for i in 0...EvictedFirstSeen.capacity {
      memory.remember(key: "key \(i)", firstSeen: Double(i))
    }
    #expect(memory.count == EvictedFirstSeen.capacity)
    #expect(memory.firstSeen(key: "key 0") == nil)
    #expect(memory.firstSeen(key: "key 1") == 1)
    memory.remember(key: "key 1", firstSeen: 5)
    #expect(memory.firstSeen(key: "key 1") == 1)
  }
}
