package io.tokenwarden.interfaces.metrics;

import io.tokenwarden.application.admin.TenantOverview;
import io.tokenwarden.application.keys.TokenReEncryption;
import io.tokenwarden.application.webhooks.WebhookDeliveries;
import io.tokenwarden.domain.ConnectionStatus;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Registers the fleet-wide gauges: {@code tokenwarden.connections{status}} (what the console's
 * counts show), {@code tokenwarden.refresh.scheduler.lag.seconds} (now minus the oldest due
 * refresh, 0 when nothing is due: the number to alert on when refreshing falls behind), and {@code
 * tokenwarden.crypto.connections.older.key} (what a key rotation still has to do) and {@code
 * tokenwarden.webhook.outbox.depth} (webhook deliveries still open: pending or retrying). One
 * snapshot of four queries serves every gauge for {@link #MAX_AGE}, so a scrape costs the database
 * at most that; while the database cannot answer the gauges read NaN rather than failing the
 * scrape. Scrapes arrive on the metrics endpoint's threads, which carry none of this application's
 * context (no persistence unit, no transactions), so the database is read through a contextual
 * proxy captured when the application started.
 */
@ApplicationScoped
public class OperationsGauges {

  static final Duration MAX_AGE = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(OperationsGauges.class.getName());

  @Inject MetricRegistry registry;

  @Inject TenantOverview overview;

  @Inject TokenReEncryption keys;

  @Inject WebhookDeliveries webhooks;

  @Inject Clock clock;

  @Resource ContextService contexts;

  private Supplier<Snapshot> reader;

  private Snapshot snapshot;

  @SuppressWarnings("unchecked")
  void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
    Supplier<Snapshot> read = () -> read(clock.instant());
    reader = contexts.createContextualProxy(read, Supplier.class);
    for (ConnectionStatus status : ConnectionStatus.values()) {
      registry.gauge(
          "tokenwarden.connections",
          () -> current().connections().getOrDefault(status, Double.NaN),
          new Tag("status", status.name().toLowerCase(Locale.ROOT)));
    }
    registry.gauge("tokenwarden.refresh.scheduler.lag.seconds", () -> current().lagSeconds());
    registry.gauge("tokenwarden.crypto.connections.older.key", () -> current().underOlderKeys());
    registry.gauge("tokenwarden.webhook.outbox.depth", () -> current().outboxDepth());
  }

  /** The snapshot, read again when older than {@link #MAX_AGE}. */
  synchronized Snapshot current() {
    Instant now = clock.instant();
    if (snapshot == null || snapshot.takenAt().plus(MAX_AGE).isBefore(now)) {
      snapshot = reader.get();
    }
    return snapshot;
  }

  private Snapshot read(Instant now) {
    try {
      Map<ConnectionStatus, Double> connections = new EnumMap<>(ConnectionStatus.class);
      overview.countsByStatus().forEach((status, count) -> connections.put(status, (double) count));
      double lag =
          overview
              .oldestDueRefresh(now)
              .map(oldest -> Math.max(0, Duration.between(oldest, now).toMillis() / 1000.0))
              .orElse(0.0);
      return new Snapshot(
          now,
          connections,
          lag,
          (double) keys.usage().underOlderKeys(),
          (double) webhooks.openCount());
    } catch (RuntimeException e) {
      LOG.fine(() -> "Gauges unavailable: " + e);
      return new Snapshot(now, Map.of(), Double.NaN, Double.NaN, Double.NaN);
    }
  }

  /** What the gauges report until {@link #MAX_AGE} has passed. */
  record Snapshot(
      Instant takenAt,
      Map<ConnectionStatus, Double> connections,
      double lagSeconds,
      double underOlderKeys,
      double outboxDepth) {}
}
