/// Double → integer conversions that cannot trap.
///
/// `Int(x)` traps when `x` is NaN, infinite or outside the integer's range, and log lines decide
/// what `x` is: a Prometheus counter printed as 18446744073709551615, a job that "succeeded in
/// 1e23s", `--at inf`. Every conversion from a Double in Sources goes through these instead
/// (`SaturatingSourceScanTests` keeps it so): out-of-range values stop at the nearest bound and
/// NaN becomes 0, which is wrong but visible, where a trap takes the whole screen down.
extension FixedWidthInteger {
  public init(saturating value: Double) {
    if value.isNaN {
      self = 0
    } else if value <= Double(Self.min) {
      self = Self.min
    } else if value >= Double(Self.max) {
      // `Double(Self.max)` rounds up to 2^63 for Int64, which itself does not fit: stop below it.
      self = Self.max
    } else {
      self = Self(value)
    }
  }
}

extension Int {
  /// `init(saturating:)` above, for `Int`, the one read on every request line: the generic one
  /// converts through the standard library's generic path (`_convert`, about 145 instructions a
  /// call, callgrind), this one through the machine's own conversion. The same bounds: `Int.min`
  /// and `Int.max` are -2^63 and just under 2^63.
  @inline(__always)
  public init(saturating value: Double) {
    if value.isNaN {
      self = 0
    } else if value <= -0x1p63 {
      self = .min
    } else if value >= 0x1p63 {
      self = .max
    } else {
      self = Int(value)
    }
  }
}

extension Int64 {
  /// `Int`'s fast `init(saturating:)`, which has the same width and bounds.
  @inline(__always)
  public init(saturating value: Double) { self = Int64(Int(saturating: value)) }
}

extension Int32 {
  /// `Int`'s fast `init(saturating:)`, then clamped: a value between `Int32.max` and the next
  /// integer truncates to `Int32.max`, which the generic one answers too.
  @inline(__always)
  public init(saturating value: Double) { self = Int32(clamping: Int(saturating: value)) }
}

extension UInt32 {
  /// `Int`'s fast `init(saturating:)`, then clamped (a negative value is 0, as the generic one
  /// answers).
  @inline(__always)
  public init(saturating value: Double) { self = UInt32(clamping: Int(saturating: value)) }
}
