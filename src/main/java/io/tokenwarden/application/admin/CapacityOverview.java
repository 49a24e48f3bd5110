package io.tokenwarden.application.admin;

import io.tokenwarden.application.refresh.ProviderStatus;
import io.tokenwarden.application.refresh.ProviderStatusService;
import io.tokenwarden.application.refresh.RefreshSettings;
import io.tokenwarden.application.refresh.UserRefreshWindow;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections.SharedUser;
import io.tokenwarden.infrastructure.persistence.RefreshEvents;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * The capacity page's read model: reads the figures of a {@link CapacityReport} from the database
 * in a handful of aggregate queries (GROUP BY minute and FreeAgent user over the due and
 * refresh-expiry indexes, and over the audit trail's time index), so it costs the same few round
 * trips at 100,000 tenants as at ten (ScaleBench scenario 5). Cross-tenant: each query runs in the
 * root context, in its own short transaction, like {@link TenantOverview}.
 */
@ApplicationScoped
public class CapacityOverview {

  /** Shared FreeAgent users listed by name; the page gives the total of the rest. */
  static final int SHARED_USERS_SHOWN = 20;

  @Inject TenantScope scope;

  @Inject FreeAgentConnections connections;

  @Inject RefreshEvents events;

  @Inject TenantOverview overview;

  @Inject ProviderStatusService provider;

  @Inject @ConfigProperties RefreshSettings settings;

  @Inject Clock clock;

  /** The figures as of now. */
  public CapacityReport report() {
    Instant now = clock.instant();
    Instant first = UserRefreshWindow.windowOf(now);
    Instant until = first.plus(Duration.ofMinutes(CapacityReport.MINUTES));
    int limit = settings.perUserLimit();
    var due = scope.asRoot(() -> connections.dueByMinute(first, until, limit));
    List<SharedUser> shared =
        scope.asRoot(() -> connections.usersBehindSeveralTenants(SHARED_USERS_SHOWN));
    long sharedCount = scope.asRoot(() -> connections.countUsersBehindSeveralTenants());
    var sharedMinutes =
        scope.asRoot(
            () ->
                connections.dueByMinuteOf(
                    shared.stream().map(SharedUser::userKey).toList(), first, until));
    Instant pastStart = first.minus(Duration.ofMinutes(CapacityReport.MINUTES - 1L));
    var outcomes = scope.asRoot(() -> events.refreshOutcomesSince(pastStart));
    long within14 =
        scope.asRoot(() -> connections.refreshTokensExpiringBefore(now.plus(Duration.ofDays(14))));
    long within30 =
        scope.asRoot(() -> connections.refreshTokensExpiringBefore(now.plus(Duration.ofDays(30))));
    Duration lag =
        overview
            .oldestDueRefresh(now)
            .map(oldest -> Duration.between(oldest, now))
            .filter(d -> !d.isNegative())
            .orElse(Duration.ZERO);
    long needsReconnect = overview.countsByStatus().get(ConnectionStatus.NEEDS_RECONNECT);
    ProviderStatus status = provider.current();
    return new CapacityReport(
        now,
        first,
        limit,
        fleetBudgetPerMinute(status),
        status.alarmMessage(),
        CapacityReport.everyMinute(due, CapacityReport.MINUTES),
        CapacityReport.sharedUserLoads(shared, sharedMinutes, first, limit),
        sharedCount,
        lag,
        CapacityReport.everyPastMinute(outcomes, CapacityReport.MINUTES),
        within14,
        within30,
        needsReconnect);
  }

  /**
   * The fleet-wide admission per minute while a provider-wide throttle pause or credential alarm
   * holds refreshing back (one budget for every node, V34), or null when FreeAgent's per-user limit
   * is the only one in force.
   */
  private Integer fleetBudgetPerMinute(ProviderStatus status) {
    if (status.circuitOpen()) {
      return 0;
    }
    if (status.admittedPerTick() >= settings.admission().maxPerTick()) {
      return null;
    }
    long ticksPerMinute =
        Math.max(1, Duration.ofMinutes(1).toMillis() / settings.tick().toMillis());
    return (int) Math.min(Integer.MAX_VALUE, status.admittedPerTick() * ticksPerMinute);
  }
}
