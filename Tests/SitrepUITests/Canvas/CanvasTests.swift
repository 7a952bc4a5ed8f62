import SitrepUI
import Testing

@Suite struct CanvasTests {
  @Test func putWritesTextWithItsRoleAndReturnsTheNextColumn() {
    var c = Canvas(width: 10, height: 2)
    let end = c.put("abc", x: 2, y: 1, role: .crit, bold: true)
    #expect(end == 5)
    #expect(c.lines == ["", "  abc"])
    #expect(c[2, 1] == Cell("a", role: .crit, bold: true))
    #expect(c[5, 1] == Cell())
  }

  @Test func putClipsAtTheCanvasEdges() {
    var c = Canvas(width: 5, height: 2)
    c.put("abcdefgh", x: 2, y: 0)
    c.put("xyz", x: -2, y: 1)
    c.put("never", x: 0, y: 2)
    c.put("never", x: 0, y: -1)
    #expect(c.lines == ["  abc", "z"])
  }

  @Test func putClipsToARect() {
    var c = Canvas(width: 10, height: 3)
    let clip = Rect(x: 2, y: 1, width: 4, height: 1)
    c.put("0123456789", x: 0, y: 1, clip: clip)
    c.put("outside", x: 2, y: 0, clip: clip)
    #expect(c.lines == ["", "  2345", ""])
  }

  @Test func fillCoversARectClippedToTheCanvas() {
    var c = Canvas(width: 4, height: 3)
    c.fill(Rect(x: 2, y: 1, width: 10, height: 10), "#", role: .header)
    #expect(c.lines == ["", "  ##", "  ##"])
    #expect(c[3, 2].role == .header)
    #expect(c[1, 1].role == .normal)
  }

  @Test func restyleChangesRolesButKeepsCharacters() {
    var c = Canvas(width: 6, height: 1)
    c.put("hello!", x: 0, y: 0, role: .ok)
    c.restyle(Rect(x: 1, y: 0, width: 3, height: 5), role: .selection)
    #expect(c.text == "hello!")
    #expect(c.cells.map(\.role) == [.ok, .selection, .selection, .selection, .ok, .ok])
  }

  @Test func wideCharactersTakeTwoCells() {
    var c = Canvas(width: 8, height: 1)
    let end = c.put("日本x", x: 1, y: 0)
    #expect(end == 6)
    #expect(c[1, 0].scalar == "日")
    #expect(c[2, 0].scalar == nil, "the right half of a wide character")
    #expect(c[3, 0].scalar == "本")
    #expect(c[5, 0].scalar == "x")
    #expect(c.text == " 日本x")
  }

  @Test func aWideCharacterThatDoesNotFitIsNotHalfDrawn() {
    var c = Canvas(width: 4, height: 1)
    c.put("ab日", x: 1, y: 0)
    #expect(c.text == " ab")
    #expect(c[3, 0].scalar == " ")
  }

  @Test func combiningMarksTakeNoCell() {
    var c = Canvas(width: 4, height: 1)
    let end = c.put("e\u{301}x", x: 0, y: 0)
    #expect(end == 2)
    #expect(c[1, 0].scalar == "x")
  }

  @Test func cellWidthsOfCommonScripts() {
    #expect(CellWidth.of("abc") == 3)
    #expect(CellWidth.of("日本語") == 6)
    #expect(CellWidth.of("한국") == 4)
    #expect(CellWidth.of("🔥") == 2)
    #expect(CellWidth.of("é") == 1)
    #expect(CellWidth.of("─│✔") == 3)
  }

  @Test func textTrimsTrailingSpacesOnly() {
    var c = Canvas(width: 6, height: 2)
    c.put(" a b ", x: 0, y: 0)
    #expect(c.lines == [" a b", ""])
  }

  @Test func degenerateCanvasesAreEmpty() {
    let c = Canvas(width: -3, height: 2)
    #expect(c.width == 0)
    #expect(c.lines == ["", ""])
    var d = Canvas(width: 0, height: 0)
    d.put("x", x: 0, y: 0)
    d.fill(d.bounds)
    #expect(d.text == "")
  }

  // MARK: Rect

  @Test func rectSplitsAndInner() {
    let r = Rect(x: 1, y: 2, width: 10, height: 5)
    let (top, rest) = r.splitTop(2)
    #expect(top == Rect(x: 1, y: 2, width: 10, height: 2))
    #expect(rest == Rect(x: 1, y: 4, width: 10, height: 3))
    #expect(r.splitTop(99).1.isEmpty)
    let (left, right) = r.splitLeft(4)
    #expect(left.width == 4 && right.x == 5 && right.width == 6)
    #expect(r.inner == Rect(x: 2, y: 3, width: 8, height: 3))
    #expect(Rect(x: 0, y: 0, width: 1, height: 1).inner.isEmpty)
    #expect(r.row(4).height == 1)
    #expect(r.row(5).isEmpty)
  }

  // MARK: TextFit

  @Test func clipLeavesShortTextAlone() {
    #expect(TextFit.clip("abc", 3) == "abc")
    #expect(TextFit.clip("abc", 10) == "abc")
  }

  @Test func clipCutsWithAnEllipsis() {
    #expect(TextFit.clip("abcdef", 4) == "abc…")
    #expect(TextFit.clip("abcdef", 4, ellipsis: "~") == "abc~")
    #expect(TextFit.clip("abcdef", 1) == "…")
    #expect(TextFit.clip("abcdef", 0) == "")
    #expect(TextFit.clip("abcdef", -5) == "")
  }

  @Test func clipCountsWideCharactersAsTwo() {
    #expect(TextFit.clip("日本語", 5) == "日本…")
    // 4 columns: "日" (2) + "…" (1) = 3; the next wide character would overflow.
    #expect(TextFit.clip("日本語", 4) == "日…")
    #expect(CellWidth.of(TextFit.padRight("日本語", 4)) == 4)
  }

  @Test func padRightAndPadLeft() {
    #expect(TextFit.padRight("ab", 5) == "ab   ")
    #expect(TextFit.padLeft("ab", 5) == "   ab")
    #expect(TextFit.padLeft("abcdefg", 5) == "abcd…")
    #expect(TextFit.padRight("日", 3) == "日 ")
    #expect(TextFit.padRight("x", 0) == "")
  }

  // MARK: Sparkline

  @Test func sparklineScalesToItsMaximum() {
    let s = Sparkline.text([0, 1, 2, 4, 8], width: 5, glyphs: .unicode)
    #expect(s == " ▂▃▅█")
    #expect(Sparkline.text([3, 3, 3], width: 3, glyphs: .ascii) == "@@@")
  }

  @Test func sparklineShowsTinyNonZeroValuesAndBlanksForZero() {
    let s = Sparkline.text([1000, 1, 0], width: 3, glyphs: .unicode)
    #expect(s == "█▁ ")
  }

  @Test func sparklineSumsNeighboursWhenThereAreMoreValuesThanColumns() {
    let s = Sparkline.text([1, 1, 0, 0, 4, 4], width: 3, glyphs: .unicode)
    #expect(s == "▃ █")
    #expect(
      CellWidth.of(Sparkline.text(Array(repeating: 1, count: 1000), width: 16, glyphs: .unicode))
        == 16)
  }

  @Test func sparklineOfNothing() {
    #expect(Sparkline.text([], width: 10, glyphs: .unicode) == "")
    #expect(Sparkline.text([1, 2], width: 0, glyphs: .unicode) == "")
    #expect(Sparkline.text([0, 0, -1], width: 3, glyphs: .unicode) == "   ")
  }

  @Test func sparklineDrawsNonFiniteValuesAsEmpty() {
    let s = Sparkline.text([.nan, 2, .infinity, 4, -.infinity], width: 5, glyphs: .unicode)
    #expect(s == " ▅ █ ")
  }

  // MARK: Table

  @Test func scrollOffsetKeepsTheSelectionVisible() {
    #expect(Table.scrollOffset(selected: 0, visible: 5, count: 20) == 0)
    #expect(Table.scrollOffset(selected: 4, visible: 5, count: 20) == 0)
    #expect(Table.scrollOffset(selected: 5, visible: 5, count: 20) == 1)
    #expect(Table.scrollOffset(selected: 19, visible: 5, count: 20) == 15)
    #expect(Table.scrollOffset(selected: 99, visible: 5, count: 20) == 15)
    #expect(Table.scrollOffset(selected: nil, visible: 5, count: 20) == 0)
    #expect(Table.scrollOffset(selected: 3, visible: 5, count: 4) == 0)
    #expect(Table.scrollOffset(selected: 3, visible: 0, count: 4) == 0)
  }

  @Test func tableRendersHeaderAlignedColumnsAndTheSelection() {
    var c = Canvas(width: 20, height: 4)
    let rows = (0..<10).map { i in TableRow([("row\(i)", .normal), ("\(i * 10)", .ok)]) }
    let table = Table(
      columns: [Column("name", 8), Column("n", 4, .right)], rows: rows, selected: 6,
      showSelection: true)
    table.render(into: &c, area: c.bounds, glyphs: .unicode)
    // Three rows fit under the header: the selected row 6 is the last one shown.
    #expect(c.lines == ["name        n", "row4       40", "row5       50", "row6       60"])
    #expect(c[0, 3].role == .selection)
    #expect(c[19, 3].role == .selection)
    #expect(c[0, 2].role == .normal)
    #expect(c[11, 1].role == .ok)
  }

  @Test func tableClipsLongCellsWithAnEllipsis() {
    var c = Canvas(width: 14, height: 2)
    let table = Table(
      columns: [Column("route", 8), Column("n", 4, .right)],
      rows: [TableRow([("/api/customers/:id", .normal), ("123456", .normal)])], selected: nil,
      showSelection: false)
    table.render(into: &c, area: c.bounds, glyphs: .ascii)
    #expect(c.lines[1] == "/api/cu~ 123~")
  }

  @Test func anEmptyTableSaysNone() {
    var c = Canvas(width: 10, height: 3)
    Table(columns: [Column("x", 4)], rows: [], selected: 0, showSelection: true)
      .render(into: &c, area: c.bounds, glyphs: .unicode)
    #expect(c.lines == ["x", "(none)", ""])
  }

  // MARK: PanelFrame

  @Test func panelFrameDrawsAClosedBoxWithItsTitle() {
    var c = Canvas(width: 12, height: 3)
    let inner = PanelFrame(title: "Jobs").render(into: &c, area: c.bounds, glyphs: .unicode)
    #expect(c.lines == ["┌ Jobs ────┐", "│          │", "└──────────┘"])
    #expect(inner == Rect(x: 1, y: 1, width: 10, height: 1))
    #expect(c[0, 0].role == .border)
    #expect(c[2, 0].role == .title)
  }

  @Test func aFocusedPanelUsesTheAccentAndALongTitleIsClipped() {
    var c = Canvas(width: 10, height: 3)
    PanelFrame(title: "A very long title", focused: true).render(
      into: &c, area: c.bounds, glyphs: .ascii)
    #expect(c.lines[0] == "+ A ver~-+")
    #expect(c[0, 0].role == .accent)
    #expect(c.lines[2] == "+--------+")
  }
}

@Suite struct CanvasControlCharacterTests {
  @Test func controlCharactersTakeNoCellAndAreNeverDrawn() {
    var c = Canvas(width: 12, height: 1)
    let end = c.put("a\u{1B}[2J\u{0}b\r\u{9B}c\u{7F}", x: 0, y: 0)
    #expect(c.text == "a[2Jbc")
    #expect(end == 6)
    #expect(CellWidth.of("\u{1B}\t\n\u{85}") == 0)
  }
}

/// With a locale that is not UTF-8 every cell is folded to ASCII: the marks the views draw must
/// keep their meaning, not turn into `?` or a symbol that reads as another.
@Suite struct AsciiFoldTests {
  @Test(arguments: [
    ("×3.0", "x3.0"), ("183ms→228ms", "183ms>228ms"), ("≈", "="), ("▲+25%", "^+25%"), ("…", "~"),
  ])
  func viewMarksFoldToReadableASCII(_ text: String, _ folded: String) {
    #expect(AsciiFold.fold(text) == folded)
  }

  @Test func theASCIIArrowIsNotAGreaterThanSign() {
    #expect(Glyphs.ascii.arrowRight == "->")
    let line = "p95 183ms \(Glyphs.ascii.arrowRight) 228ms"
    #expect(!line.contains(" > "))
  }
}
