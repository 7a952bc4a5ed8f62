import Testing

@testable import SitrepCore

/// Real messages from FastAPI, Celery, SQLAlchemy, httpx and friends, and the template each must
/// reduce to: every value that changes per occurrence replaced, every word that names the
/// problem kept.
@Suite struct ErrorFingerprintTests {
  static let table: [(message: String, template: String)] = [
    // Numbers: counts, ports, ids; negative; decimals; with a unit.
    ("order 1842 not found", "order <n> not found"),
    ("balance -42 below zero", "balance <n> below zero"),
    ("took 0.25 of 1.5 budget", "took <n> of <n> budget"),
    ("database pool exhausted after 2s", "database pool exhausted after <n>s"),
    ("upstream answered in 150ms", "upstream answered in <n>ms"),
    // Hex mixing letters and digits, any length: request ids, shas, addresses.
    ("cart ceca77caa not found", "cart <id> not found"),
    ("cart c7354ea6f not found", "cart <id> not found"),
    ("id 3f2a1c9e7d not found", "id <id> not found"),
    ("object at 0x7f3a9c2b1d40 is not callable", "object at <id> is not callable"),
    ("commit 3f2a1c9 is not deployed", "commit <id> is not deployed"),
    (
      "blob 9fceb02d0ae598e95dc970b74767f19372d61af8 missing",
      "blob <id> missing"
    ),
    ("document 507f1f77bcf86cd799439011 locked", "document <id> locked"),
    // UUIDs in any case, with or without braces, alone or inside a word.
    ("task 550e8400-e29b-41d4-a716-446655440000 failed", "task <uuid> failed"),
    ("task 550E8400-E29B-41D4-A716-446655440000 failed", "task <uuid> failed"),
    ("session {550e8400-e29b-41d4-a716-446655440000} expired", "session <uuid> expired"),
    (
      "Task tasks.sync[550e8400-e29b-41d4-a716-446655440000] raised",
      "Task tasks.sync[<uuid>] raised"
    ),
    // Base64-ish and url-safe tokens, JWTs.
    ("invalid token Xk3_aP9-qLm2Z8vR0tYwB4", "invalid token <token>"),
    ("invalid token V1StGXR8Z5jdHi6BmyTq", "invalid token <token>"),
    ("nonce aZbQxPlmKwRtYuIoEwQs rejected", "nonce <token> rejected"),
    (
      "bad jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
      "bad jwt <token>"
    ),
    (
      "session eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlMTIzNDU2Nzg. Log in again",
      "session <token>. Log in again"
    ),
    ("signed Xk3aP9qLm2.Z8vR0tYwB4.qLm2Z8vR0t rejected", "signed <token> rejected"),
    ("customer cus_J3kd8s9Xq has no card", "customer cus_<id> has no card"),
    ("pod api-7f9c8d6b5-x2kqz evicted", "pod <token> evicted"),
    // Emails.
    ("no account for bob.smith+promo@example.co.uk", "no account for <email>"),
    ("send to alice@mail.example.com failed.", "send to <email> failed."),
    // IPv4 and IPv6, with ports.
    ("connect to 10.0.3.17:5432 refused", "connect to <ip> refused"),
    ("client 192.168.1.20 banned", "client <ip> banned"),
    ("connect to [2001:db8::1]:8443 refused", "connect to <ip> refused"),
    ("peer fe80::1ff:fe23:4567:890a reset", "peer <ip> reset"),
    ("bind ::1 failed", "bind <ip> failed"),
    // Paths and URLs: id segments replaced, stable words kept.
    ("GET /api/orders/1842/items/7 failed", "GET /api/orders/<n>/items/<n> failed"),
    (
      "http://10.0.0.5:8000/api/carts/ceca77caa?user=42 timed out",
      "http://<ip>/api/carts/<id>?user=<n> timed out"
    ),
    ("cannot open /srv/uploads/3f2a1c9e7d.json", "cannot open /srv/uploads/<id>.json"),
    ("cannot read /var/data/report_2026-11-26.csv", "cannot read /var/data/report_<n>-<n>-<n>.csv"),
    // Timestamps, dates, times.
    ("lock held since 2026-11-26T12:00:01Z", "lock held since <ts>"),
    ("lock held since 2026-11-26T12:00:01.123456+00:00", "lock held since <ts>"),
    ("lock held since 2026-11-26 12:00:01,123", "lock held since <ts>"),
    ("retry at 12:00:01", "retry at <time>"),
    ("no rates for 2026-11-26", "no rates for <date>"),
    // Quoted values.
    ("KeyError 'sku'", "KeyError <str>"),
    ("order 1842 not found for user 'bob'", "order <n> not found for user <str>"),
    ("can't find user's cart 1842", "can't find user's cart <n>"),
    // Words that must survive: identifiers, exception names, hex-only words without digits,
    // names with a version number.
    ("KeyError in sync_sku", "KeyError in sync_sku"),
    ("cart not found", "cart not found"),
    ("sku missing", "sku missing"),
    ("cafe bad face deadbeef added", "cafe bad face deadbeef added"),
    (
      "ConnectionRefusedError from HTTPConnectionPool",
      "ConnectionRefusedError from HTTPConnectionPool"
    ),
    ("sha256 mismatch on utf8 int64 column via s3", "sha256 mismatch on utf8 int64 column via s3"),
    ("app.orders.views.checkout failed", "app.orders.views.checkout failed"),
    ("celery.app.trace raised", "celery.app.trace raised"),
    (
      "<app.models.Order object at 0x7f3a9c2b1d40> is not JSON serializable",
      "<app.models.Order object at <id>> is not JSON serializable"
    ),
    ("sync_sku_for_all_products_nightly crashed", "sync_sku_for_all_products_nightly crashed"),
    ("worker-shutdown in celery.worker", "worker-shutdown in celery.worker"),
    ("tasks.py:88 in sync_sku", "tasks.py:<n> in sync_sku"),
    // Whole messages as the libraries write them.
    (
      "Error 111 connecting to redis:6379. Connection refused.",
      "Error <n> connecting to redis:<n>. Connection refused."
    ),
    (
      "Task tasks.sync_sku[9a3f0c2e-1b4d-4e8f-a2c6-7d5e3b1f0a9c] raised unexpected: KeyError('sku')",
      "Task tasks.sync_sku[<uuid>] raised unexpected: KeyError(<str>)"
    ),
    (
      "(psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint \"orders_pkey\" DETAIL:  Key (id)=(1842) already exists.",
      "(psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint <str> DETAIL:  Key (id)=(<n>) already exists."
    ),
  ]

  @Test(arguments: table)
  func messageReducesToItsTemplate(_ row: (message: String, template: String)) {
    #expect(ErrorFingerprint.normalize(row.message) == row.template)
  }

  /// Index arithmetic on arbitrary text: any mix of the characters the shapes look at must come
  /// out without a trap, and the same message always gives the same template.
  @Test func arbitraryTextNeverTraps() {
    let alphabet = Array("aZ09fF:.-_@[]{}'\" /x+%eyJé")
    var seed: UInt64 = 0x2545_F491_4F6C_DD1D
    for _ in 0..<3000 {
      var message = ""
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let length = Int(seed >> 58)
      for _ in 0..<length {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        message.append(alphabet[Int(seed >> 33) % alphabet.count])
      }
      #expect(ErrorFingerprint.normalize(message) == ErrorFingerprint.normalize(message))
    }
  }

  @Test func aLongMessageIsCutWithoutSplittingACharacter() {
    let message = String(repeating: "a", count: 399) + "é and more"
    #expect(ErrorFingerprint.normalize(message) == String(repeating: "a", count: 399))
  }

  /// What Celery and FastAPI logged for two different carts: one problem, one signature, so the
  /// one seen before a deploy is not "new" after it.
  @Test func twoIdsAreOneSignature() {
    var sigs = ErrorSignatures()
    let frame = StackFrame(file: "/srv/app/carts.py", line: 41, function: "load_cart")
    sigs.record(
      ExceptionInfo(type: "LookupError", message: "cart ceca77caa not found", topFrame: frame),
      at: 10, origin: ErrorOrigin(job: "tasks.checkout"))
    sigs.record(
      ExceptionInfo(type: "LookupError", message: "cart c7354ea6f not found", topFrame: frame),
      at: 20, origin: ErrorOrigin(job: "tasks.checkout"))
    let active = sigs.active(since: 0)
    #expect(active.count == 1)
    #expect(active.first?.count == 2)
    #expect(active.first?.firstSeen == 10)
  }

  /// Recorded from the real stack (scripts/real-stack): `secrets.token_hex` ids that happen to be
  /// all digits are the same error as those with letters.
  @Test func aHexIdWithoutLettersIsTheSameSignature() {
    var sigs = ErrorSignatures()
    let frame = StackFrame(file: "/srv/app/app.py", line: 70, function: "load")
    for (i, id) in ["e3f6e83ad", "886591092", "0a1b2c3d4"].enumerated() {
      sigs.record(
        ExceptionInfo(type: "LookupError", message: "cart \(id) not found", topFrame: frame),
        at: Double(i), origin: ErrorOrigin(service: "api"))
    }
    #expect(sigs.active(since: 0).map(\.count) == [3])
  }
}
