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
