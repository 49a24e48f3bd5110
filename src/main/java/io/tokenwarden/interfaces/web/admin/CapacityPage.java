package io.tokenwarden.interfaces.web.admin;

import static io.tokenwarden.infrastructure.json.Jsonp.JSON;

import io.tokenwarden.application.admin.CapacityOverview;
import io.tokenwarden.application.admin.CapacityReport;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections.MinuteLoad;
import io.tokenwarden.infrastructure.persistence.RefreshEvents.OutcomeMinute;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;

/**
 * The capacity page (/admin/capacity.xhtml): the one-line answer to "will my tenants' refreshes fit
 * FreeAgent's limits in the next hour", then the figures behind it as Chart.js charts ({@code
 * p:chart} takes the chart's JSON configuration, written here with JSON-P). Read once per request;
 * the figures are aggregates, so any console user may see them.
 */
@Named
@RequestScoped
public class CapacityPage {

  private static final String DUE = "#1565C0";
  private static final String BUSIEST = "#E65100";
  private static final String LIMIT = "#B71C1C";
  private static final String SUCCEEDED = "#2E7D32";
  private static final String FAILED = "#C62828";

  @Inject CapacityOverview overview;

  private CapacityReport report;

  @PostConstruct
  void init() {
    report = overview.report();
  }

  public CapacityReport getReport() {
    return report;
  }

  public CapacityReport.Verdict getVerdict() {
    return report.verdict();
  }

  /** The verdict's CSS class: its colour (the sentence says the same in words). */
  public String getVerdictClass() {
    return "tw-verdict tw-verdict-" + report.verdict().level().name().toLowerCase(Locale.ROOT);
  }

  /** "6 Dec 2026, 12:34 UTC". */
  public String getTakenAt() {
    return RelativeTime.dayAndTime(report.now());
  }

  /** "12:34 UTC (41)": the busiest minute of the next hour. */
  public String getBusiestMinute() {
    MinuteLoad busiest = report.busiestMinute();
    return report.clockOf(busiest.minute()) + " UTC (" + busiest.due() + ")";
  }

  /** The fleet-wide limit in force, in words. */
  public String getFleetBudget() {
    Integer budget = report.fleetBudgetPerMinute();
    if (budget == null) {
      return "none: FreeAgent limits each user, not the fleet";
    }
    return budget == 0 ? "paused" : budget + " a minute while recovering from a throttle";
  }

  public String getSchedulerLag() {
    return report.schedulerLag().isZero()
        ? "none: nothing is overdue"
        : CapacityReport.minutesAndSeconds(report.schedulerLag());
  }

  public long getSucceededLastHour() {
    return report.lastHour().stream().mapToLong(OutcomeMinute::succeeded).sum();
  }

  public long getRateLimitedLastHour() {
    return report.lastHour().stream().mapToLong(OutcomeMinute::rateLimited).sum();
  }

  public long getFailedLastHour() {
    return report.lastHour().stream().mapToLong(OutcomeMinute::failed).sum();
  }

  /**
   * Refreshes due per minute of the next hour (bars), the busiest FreeAgent user's share of each
   * minute against FreeAgent's per-user limit (lines), and the fleet's budget when one is in force.
   */
  public String getDueChart() {
    List<MinuteLoad> minutes = report.dueByMinute();
    JsonArrayBuilder datasets =
        JSON.createArrayBuilder()
            .add(dataset("bar", "Refreshes due", DUE, minutes, MinuteLoad::due))
            .add(
                dataset("line", "Busiest FreeAgent user", BUSIEST, minutes, MinuteLoad::busiestUser)
                    .add("pointRadius", 2))
            .add(
                dataset(
                        "line",
                        "FreeAgent's limit per user (" + report.perUserLimit() + " a minute)",
                        LIMIT,
                        minutes,
                        m -> report.perUserLimit())
                    .add("borderDash", JSON.createArrayBuilder().add(6).add(4))
                    .add("pointRadius", 0));
    Integer budget = report.fleetBudgetPerMinute();
    if (budget != null) {
      datasets.add(
          dataset("line", "Fleet budget while recovering", FAILED, minutes, m -> budget)
              .add("pointRadius", 0));
    }
    return chart(
        "bar", labels(minutes.size(), report::clockOf), datasets, "refreshes per minute", false);
  }

  /** Refresh outcomes per minute of the last hour, stacked: succeeded, 429, other failures. */
  public String getOutcomeChart() {
    List<OutcomeMinute> minutes = report.lastHour();
    int offset = CapacityReport.MINUTES - 1;
    JsonArrayBuilder datasets =
        JSON.createArrayBuilder()
            .add(dataset("bar", "Succeeded", SUCCEEDED, minutes, OutcomeMinute::succeeded))
            .add(dataset("bar", "429 (rate limited)", BUSIEST, minutes, OutcomeMinute::rateLimited))
            .add(dataset("bar", "Other failures", FAILED, minutes, OutcomeMinute::failed));
    return chart(
        "bar",
        labels(minutes.size(), i -> report.clockOf(i - offset)),
        datasets,
        "refreshes per minute",
        true);
  }

  private static <T> JsonObjectBuilder dataset(
      String type, String label, String colour, List<T> rows, ToLongFunction<T> value) {
    JsonArrayBuilder data = JSON.createArrayBuilder();
    rows.forEach(row -> data.add(value.applyAsLong(row)));
    return JSON.createObjectBuilder()
        .add("type", type)
        .add("label", label)
        .add("data", data)
        .add("borderColor", colour)
        .add("backgroundColor", colour);
  }

  private static JsonArrayBuilder labels(int count, IntFunction<String> label) {
    JsonArrayBuilder labels = JSON.createArrayBuilder();
    for (int i = 0; i < count; i++) {
      labels.add(label.apply(i));
    }
    return labels;
  }

  private static String chart(
      String type,
      JsonArrayBuilder labels,
      JsonArrayBuilder datasets,
      String yTitle,
      boolean stacked) {
    JsonObjectBuilder x =
        JSON.createObjectBuilder()
            .add("stacked", stacked)
            .add("title", JSON.createObjectBuilder().add("display", true).add("text", "UTC"));
    JsonObjectBuilder y =
        JSON.createObjectBuilder()
            .add("stacked", stacked)
            .add("beginAtZero", true)
            .add("title", JSON.createObjectBuilder().add("display", true).add("text", yTitle));
    return JSON.createObjectBuilder()
        .add("type", type)
        .add("data", JSON.createObjectBuilder().add("labels", labels).add("datasets", datasets))
        .add(
            "options",
            JSON.createObjectBuilder()
                .add("responsive", true)
                .add("maintainAspectRatio", false)
                .add("animation", false)
                .add("scales", JSON.createObjectBuilder().add("x", x).add("y", y))
                .add(
                    "plugins",
                    JSON.createObjectBuilder()
                        .add("legend", JSON.createObjectBuilder().add("position", "bottom"))))
        .build()
        .toString();
  }
}
