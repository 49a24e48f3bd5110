package io.tokenwarden.application.refresh;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The refresh engine's MicroProfile metrics: refreshes by outcome, how late the scheduler claims
 * due connections, and the hand-out cache's hit rate. Tags are bounded enums; never a tenant, user
 * or token.
 */
@ApplicationScoped
public class RefreshMetrics {

  @Inject MetricRegistry registry;

  /** One token-endpoint call (or a refresh decided without one) by outcome kind. */
  public void refreshed(String outcome) {
    registry.counter("tokenwarden.refreshes", new Tag("outcome", outcome)).inc();
  }

  /** How long after its {@code next_refresh_at} a connection was claimed. */
  public void claimLag(Duration lag) {
    registry.histogram("tokenwarden.refresh.claim.lag.ms").update(Math.max(0, lag.toMillis()));
  }

  /** A hand-out served from this node's cache, or not. */
  public void handOutCache(boolean hit) {
    registry.counter("tokenwarden.handout.cache", new Tag("result", hit ? "hit" : "miss")).inc();
  }
}
