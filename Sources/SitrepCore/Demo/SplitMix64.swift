import Glibc

/// A small, fast, seedable generator so the demo and its golden tests write the same bytes on
/// every machine (the system generator is neither seedable nor stable across platforms).
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform in [0, 1).
  public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

  /// Standard normal, by Box-Muller.
  public mutating func normal() -> Double {
    let u1 = Swift.max(unit(), 1e-12)
    let u2 = unit()
    return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
  }

  /// Exponential with the given mean: gaps between Poisson arrivals.
  public mutating func exponential(mean: Double) -> Double { -mean * log(Swift.max(unit(), 1e-12)) }

  public mutating func chance(_ p: Double) -> Bool { unit() < p }

  public mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}
