import Testing

@testable import SitrepCore

@Suite struct RouteTemplateTests {
  @Test func replacesIdentifiers() {
    #expect(RouteTemplate.derive("/api/orders/1842") == "/api/orders/:id")
    #expect(RouteTemplate.derive("/api/orders/77/items/3") == "/api/orders/:id/items/:id")
    #expect(
      RouteTemplate.derive("/u/0b9e5d2c-3f41-4c1e-9a1a-5c6f2d8e7a10/x") == "/u/:uuid/x")
    #expect(RouteTemplate.derive("/commit/3f2a1c9e") == "/commit/:hash")
    #expect(RouteTemplate.derive("/t/aB3dE5fG7hJ9kL1mN") == "/t/:hash")
    #expect(RouteTemplate.derive("/users/alice@example.com") == "/users/:email")
  }

  @Test func keepsWords() {
    #expect(RouteTemplate.derive("/health") == "/health")
    #expect(RouteTemplate.derive("/api/v1/orders") == "/api/v1/orders")
    #expect(RouteTemplate.derive("/deadbeef") == "/deadbeef")
    #expect(RouteTemplate.derive("/") == "/")
  }

  @Test func dropsQueryAndFragment() {
    #expect(RouteTemplate.derive("/api/search?q=red+shoes") == "/api/search")
    #expect(RouteTemplate.derive("/docs#part") == "/docs")
    #expect(RouteTemplate.derive("http://example.com/api/orders/5?x=1") == "/api/orders/:id")
  }

  @Test func collapsesStaticFiles() {
    #expect(RouteTemplate.derive("/static/app.3f9a.js") == "/static/*")
    #expect(RouteTemplate.derive("/assets/img/logo.png") == "/assets/*")
    #expect(RouteTemplate.derive("/static") == "/static")
  }

  @Test func garbageBecomesDash() {
    #expect(RouteTemplate.derive("-") == "-")
    #expect(RouteTemplate.derive("") == "-")
    #expect(RouteTemplate.derive("*") == "-")
    #expect(RouteTemplate.derive("\u{16}\u{03}\u{01}") == "-")
  }
}
