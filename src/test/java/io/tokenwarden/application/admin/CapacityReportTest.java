package io.tokenwarden.application.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.admin.CapacityReport.Level;
import io.tokenwarden.application.admin.CapacityReport.SharedUserLoad;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections.MinuteLoad;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections.SharedUser;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections.UserMinute;
import io.tokenwarden.infrastructure.persistence.RefreshEvents.OutcomeMinute;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The capacity page's arithmetic: minute buckets, per-user collisions and the verdict. */
class CapacityReportTest {

  private static final Instant FIRST = Instant.parse("2026-12-06T12:00:00Z");

  @Test
  void minutesWithoutRefreshesAreZeroAndOutOfRangeRowsIgnored() {
    List<MinuteLoad> all =
        CapacityReport.everyMinute(
            List.of(new MinuteLoad(3, 7, 2, 0), new MinuteLoad(60, 9, 9, 0)), 60);

    assertThat(all).hasSize(60);
    assertThat(all.get(3)).isEqualTo(new MinuteLoad(3, 7, 2, 0));
    assertThat(all.get(0)).isEqualTo(new MinuteLoad(0, 0, 0, 0));
    assertThat(all.stream().mapToLong(MinuteLoad::due).sum()).isEqualTo(7);
    assertThat(CapacityReport.everyPastMinute(List.of(new OutcomeMinute(59, 4, 1, 2)), 60).get(59))
        .isEqualTo(new OutcomeMinute(59, 4, 1, 2));
  }

  @Test
  void sharedUserCollidesOnlyWhenOneMinuteHoldsMoreThanTheLimit() {
    List<SharedUserLoad> loads =
        CapacityReport.sharedUserLoads(
            List.of(
                new SharedUser("acct@example.com", 3),
                new SharedUser("big@example.com", 40),
                new SharedUser("spread@example.com", 20)),
            List.of(
                new UserMinute("acct@example.com", 5, 3),
                new UserMinute("big@example.com", 7, 16),
                new UserMinute("big@example.com", 9, 16),
                new UserMinute("big@example.com", 8, 8),
                new UserMinute("spread@example.com", 1, 10),
                new UserMinute("spread@example.com", 2, 10)),
            FIRST,
            15);

    SharedUserLoad acct = loads.get(0);
    assertThat(acct.canCollide()).isFalse();
    assertThat(acct.collides()).isFalse();
    assertThat(acct.collision())
        .isEqualTo("No: 3 due at 12:05 UTC, and 3 tenants cannot exceed 15 a minute");

    SharedUserLoad big = loads.get(1);
    assertThat(big.collides()).isTrue();
    assertThat(big.busiestMinuteAt()).isEqualTo(Instant.parse("2026-12-06T12:07:00Z"));
    assertThat(big.waiting()).isEqualTo(1);
    assertThat(big.collision()).isEqualTo("Yes: 16 due at 12:07 UTC; 1 wait for the next minute");

    SharedUserLoad spread = loads.get(2);
    assertThat(spread.canCollide()).isTrue();
    assertThat(spread.collides()).isFalse();
    assertThat(spread.collision()).startsWith("Not this hour (10 due at 12:01 UTC)");
  }

  @Test
  void fitsWhenEveryUserStaysWithinItsMinute() {
    CapacityReport report = report(List.of(new MinuteLoad(2, 40, 3, 0)), null, Duration.ZERO);

    assertThat(report.verdict().level()).isEqualTo(Level.FITS);
    assertThat(report.verdict().sentence())
        .isEqualTo(
            "Yes: 40 refreshes are due in the next hour, at most 40 in one minute (12:02 UTC),"
                + " and no FreeAgent user has more than 3 of its 15 a minute.");
  }

  @Test
  void refreshesOverAUsersLimitAreDelayedNotLost() {
    CapacityReport report =
        report(
            List.of(new MinuteLoad(0, 30, 18, 3), new MinuteLoad(1, 10, 17, 2)),
            null,
            Duration.ZERO);

    assertThat(report.overPerUserLimit()).isEqualTo(5);
    assertThat(report.verdict().level()).isEqualTo(Level.DELAYED);
    assertThat(report.verdict().sentence())
        .startsWith("Mostly: 5 of the 40 refreshes due in the next hour exceed FreeAgent's 15")
        .contains("one user has 18 in one minute");
  }

  @Test
  void aLaggingSchedulerIsReported() {
    CapacityReport report =
        report(List.of(new MinuteLoad(0, 5, 1, 0)), null, Duration.ofSeconds(125));

    assertThat(report.verdict().level()).isEqualTo(Level.DELAYED);
    assertThat(report.verdict().sentence())
        .startsWith("Behind: the oldest due refresh has waited 2 min 5 s");
  }

  @Test
  void aFleetBudgetBelowTheBusiestMinuteDoesNotFitAndAPauseNeither() {
    CapacityReport recovering = report(List.of(new MinuteLoad(4, 50, 2, 0)), 24, Duration.ZERO);
    assertThat(recovering.verdict().level()).isEqualTo(Level.DOES_NOT_FIT);
    assertThat(recovering.verdict().sentence())
        .isEqualTo(
            "No: 50 refreshes are due at 12:04 UTC, but while it recovers from a FreeAgent"
                + " throttle the fleet starts only 24 a minute; the most urgent go first.");

    CapacityReport enough = report(List.of(new MinuteLoad(4, 20, 2, 0)), 24, Duration.ZERO);
    assertThat(enough.verdict().level()).isEqualTo(Level.FITS);

    CapacityReport paused = report(List.of(new MinuteLoad(4, 20, 2, 0)), 0, Duration.ZERO);
    assertThat(paused.verdict().level()).isEqualTo(Level.DOES_NOT_FIT);
    assertThat(paused.verdict().sentence()).startsWith("No: refreshing is paused cluster-wide");
  }

  @Test
  void minutesAndSecondsAreReadable() {
    assertThat(CapacityReport.minutesAndSeconds(Duration.ofSeconds(40))).isEqualTo("40 s");
    assertThat(CapacityReport.minutesAndSeconds(Duration.ofSeconds(61))).isEqualTo("1 min 1 s");
  }

  private static CapacityReport report(List<MinuteLoad> due, Integer budget, Duration lag) {
    return new CapacityReport(
        FIRST.plusSeconds(20),
        FIRST,
        15,
        budget,
        null,
        CapacityReport.everyMinute(due, 60),
        List.of(),
        0,
        lag,
        CapacityReport.everyPastMinute(List.of(), 60),
        0,
        0,
        0);
  }
}
