import SitrepCore

/// The main screen: Services across the top, Jobs and Deploy side by side when there is room,
/// stacked when there is not. Errors go below Jobs when they fit; where they do not, Tab onto
/// Errors shows them in the place of the panel they would share.
public enum MainScreen {
  public static func render(
    _ state: AppState, into canvas: inout Canvas, area: Rect, ctx: ViewContext
  ) {
    let services = state.snapshot.services.count
    let wide = area.width >= 100
    let errorsFocused = state.focus == .errors
    // Services get what they need (one row each plus borders) but leave room for the panels below.
    let below = wide ? 9 : 12
    let servicesHeight = Swift.max(3, Swift.min(services + 2, area.height - below))
    let (top, under) = area.splitTop(servicesHeight)
    var rest = under
    ServicesPanel.render(state, into: &canvas, area: top, ctx: ctx)
    if TimelinePanel.fits(width: area.width, height: area.height + 2) {
      let (chart, below) = rest.splitTop(TimelinePanel.height)
      TimelinePanel.render(state, into: &canvas, area: chart, ctx: ctx)
      rest = below
    }
    if wide {
      // Jobs get the wider half: their names and exceptions are long; deploy lines are fixed-width.
      let (left, right) = rest.splitLeft(rest.width * 11 / 20)
      let jobsHeight = Swift.max(3, state.snapshot.jobs.count + 2)
      if left.height - jobsHeight >= 5 {
        let (jobs, errors) = left.splitTop(jobsHeight)
        JobsPanel.render(state, into: &canvas, area: jobs, ctx: ctx)
        ErrorsPanel.render(state, into: &canvas, area: errors, ctx: ctx)
      } else if errorsFocused {
        ErrorsPanel.render(state, into: &canvas, area: left, ctx: ctx)
      } else {
        JobsPanel.render(state, into: &canvas, area: left, ctx: ctx)
      }
      DeployPanel.render(state, into: &canvas, area: right, ctx: ctx)
    } else {
      let jobsHeight = Swift.max(3, Swift.min(state.snapshot.jobs.count + 2, rest.height / 2))
      let (jobs, deploy) = rest.splitTop(jobsHeight)
      JobsPanel.render(state, into: &canvas, area: jobs, ctx: ctx)
      if errorsFocused {
        ErrorsPanel.render(state, into: &canvas, area: deploy, ctx: ctx)
      } else {
        DeployPanel.render(state, into: &canvas, area: deploy, ctx: ctx)
      }
    }
  }
}
