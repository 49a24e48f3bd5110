package io.tokenwarden.application.webhooks;

import io.tokenwarden.domain.RetrySchedule;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code tokenwarden.webhooks.*} key in one place, each default written once here and
 * documented in the README table; inject as {@code @Inject @ConfigProperties WebhookSettings}.
 * {@code @Dependent} so MicroProfile Config discovers it; it holds no fields but the keys.
 */
@Dependent
@ConfigProperties(prefix = "tokenwarden.webhooks")
public class WebhookSettings {

  @ConfigProperty(name = "enabled", defaultValue = "true")
  boolean enabled;

  @ConfigProperty(name = "tick", defaultValue = "PT2S")
  Duration tick;

  @ConfigProperty(name = "batch", defaultValue = "50")
  int batch;

  @ConfigProperty(name = "concurrency", defaultValue = "4")
  int concurrency;

  @ConfigProperty(name = "lease", defaultValue = "PT1M")
  Duration lease;

  @ConfigProperty(name = "timeout", defaultValue = "PT10S")
  Duration timeout;

  @ConfigProperty(name = "retry-schedule", defaultValue = "PT10S,PT30S,PT2M,PT10M,PT1H")
  String retrySchedule;

  @ConfigProperty(name = "refresh-failing-after", defaultValue = "3")
  int refreshFailingAfter;

  @ConfigProperty(name = "secret-overlap", defaultValue = "P1D")
  Duration secretOverlap;

  @ConfigProperty(name = "retention", defaultValue = "P30D")
  Duration retention;

  /** Whether this node delivers webhooks (events are recorded on every node either way). */
  public boolean enabled() {
    return enabled;
  }

  public Duration tick() {
    return tick;
  }

  /** Deliveries one tick claims at most. */
  public int batch() {
    return Math.max(1, batch);
  }

  /** Deliveries this node sends at the same time. */
  public int concurrency() {
    return Math.max(1, concurrency);
  }

  /**
   * How long a claimed delivery is this node's; at least three timeouts, so an attempt that runs
   * its full timeout still ends inside its lease.
   */
  public Duration lease() {
    Duration floor = timeout().multipliedBy(3);
    return lease.compareTo(floor) < 0 ? floor : lease;
  }

  /** Connect and read timeout of one delivery attempt. */
  public Duration timeout() {
    return timeout.isNegative() || timeout.isZero() ? Duration.ofSeconds(10) : timeout;
  }

  /**
   * The waits between attempts.
   *
   * @throws IllegalArgumentException when the configured schedule is not a list of durations
   */
  public RetrySchedule retrySchedule() {
    return RetrySchedule.parse(retrySchedule);
  }

  /** The consecutive failures after which {@code connection.refresh_failing} is sent (once). */
  public int refreshFailingAfter() {
    return Math.max(1, refreshFailingAfter);
  }

  /** How long the previous secret still signs after a rotation. */
  public Duration secretOverlap() {
    return secretOverlap.isNegative() ? Duration.ZERO : secretOverlap;
  }

  /** How long delivered and dead events are kept (for the console and redelivery). */
  public Duration retention() {
    return retention;
  }
}
