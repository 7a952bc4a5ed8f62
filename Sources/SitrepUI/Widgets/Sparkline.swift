import SitrepCore

/// A one-row bar chart of a series, scaled to its own maximum.
public enum Sparkline {
  public static func text(_ values: [Double], width: Int, glyphs: Glyphs) -> String {
    guard width > 0, !values.isEmpty else { return "" }
    // NaN or infinite points are drawn as empty: scaling by them would trap.
    let series = resample(values.map { $0.isFinite ? $0 : 0 }, to: width)
    let top = series.max() ?? 0
    var out = String.UnicodeScalarView()
    for v in series {
      if top <= 0 || v <= 0 {
        out.append(v > 0 ? glyphs.spark[0] : " ")
        continue
      }
      let level = Int(saturating: (v / top * Double(glyphs.spark.count - 1)).rounded())
      out.append(glyphs.spark[Swift.min(Swift.max(level, 0), glyphs.spark.count - 1)])
    }
    return String(out)
  }

  /// Sums neighbouring points when there are more values than columns; keeps them otherwise.
  static func resample(_ values: [Double], to width: Int) -> [Double] {
    guard values.count > width else { return values }
    var out = [Double](repeating: 0, count: width)
    for (i, v) in values.enumerated() { out[i * width / values.count] += v }
    return out
  }
}
