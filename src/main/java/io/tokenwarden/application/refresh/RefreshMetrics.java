package io.tokenwarden.application.refresh;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The refresh engine's and the hand-out's MicroProfile metrics: refreshes by outcome and their
 * token-endpoint latency, FreeAgent's 429s, how late the scheduler claims due connections,
 * hand-outs by outcome with their latency, the cache's hit rate, and tokens that were about to be
 * handed out past expiry (must stay 0). Tags are bounded words; never a tenant, user or token. The
 * series an alert needs from the first scrape exist from start-up at 0 (README "What to alert on").
 *
 * <p>Each series is looked up in the registry once and kept: the registry's lookup takes a lock,
 * and on the hand-out path (two series per request) it was among the most contended monitors when
 * profiled under load (docs/BENCHMARKS.md, P3). The tag values are bounded words, so the maps stay
 * small.
 */
@ApplicationScoped
public class RefreshMetrics {

  static final String EXPIRED_PREVENTED = "tokenwarden.handout.expired.prevented";
  static final String PROVIDER_THROTTLED = "tokenwarden.provider.throttled";
  public static final String REFRESH_DURATION = "tokenwarden.refresh.duration";
  public static final String REFRESH_WORK = "tokenwarden.refresh.work";
  static final String HANDOUTS = "tokenwarden.handouts";
  public static final String STORED_TOGETHER = "tokenwarden.refresh.stored.together";

  @Inject MetricRegistry registry;

  private final Map<String, Counter> counters = new ConcurrentHashMap<>();
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  /** Registers the alerting series at 0, so "must stay 0" and rates work from the first scrape. */
  void registerAtStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
    registry.counter(EXPIRED_PREVENTED);
    registry.counter(PROVIDER_THROTTLED);
    registry.timer(REFRESH_DURATION, new Tag("outcome", "answered"));
    registry.timer(REFRESH_WORK);
    registry.timer(HANDOUTS, new Tag("outcome", "served"));
  }

  /** One token-endpoint call (or a refresh decided without one) by outcome kind. */
  public void refreshed(String outcome) {
    counter("tokenwarden.refreshes", "outcome", outcome).inc();
  }

  /** How long after its {@code next_refresh_at} a connection was claimed. */
  public void claimLag(Duration lag) {
    registry.histogram("tokenwarden.refresh.claim.lag.ms").update(Math.max(0, lag.toMillis()));
  }

  /** One hand-out by outcome (served, not_usable, unavailable, …) with its latency. */
  public void handedOut(String outcome, Duration latency) {
    timer(HANDOUTS, "outcome", outcome).update(latency);
  }

  /**
   * A token past its expiry was about to be handed out and was not. Must stay 0: anything else is a
   * bug in the hand-out's checks (README "What to alert on").
   */
  public void expiredHandOutPrevented() {
    counter(EXPIRED_PREVENTED, null, null).inc();
  }

  /** How long one token-endpoint call of a refresh took, by outcome. */
  public void refreshLatency(String outcome, Duration latency) {
    timer(REFRESH_DURATION, "outcome", outcome).update(latency);
  }

  /**
   * How long one refresh of a claimed connection took on this node, from reading its snapshot to
   * storing the pair or giving the row back: the provider call and Token Warden's own work.
   */
  public void refreshWork(Duration took) {
    timer(REFRESH_WORK, null, null).update(took);
  }

  /**
   * How many received pairs one store transaction took (ADR 0032): 1 when refreshes end one at a
   * time, more when they end while another group is being stored.
   */
  public void storedTogether(int pairs) {
    registry.histogram(STORED_TOGETHER).update(pairs);
  }

  /** FreeAgent answered a refresh with 429. */
  public void providerThrottled() {
    counter(PROVIDER_THROTTLED, null, null).inc();
  }

  /**
   * One poll of this node's hand-out change watch (ADR 0028): {@code applied}, {@code restarted}
   * (applied, but the previous one was too long ago, so nothing cached before it counts as
   * confirmed), or {@code failed} (the database did not answer).
   */
  public void changeWatchPoll(String result) {
    counter("tokenwarden.handout.watch.polls", "result", result).inc();
  }

  /** A hand-out served from this node's cache, or not. */
  public void handOutCache(boolean hit) {
    counter("tokenwarden.handout.cache", "result", hit ? "hit" : "miss").inc();
  }

  private Counter counter(String name, String tag, String value) {
    return counters.computeIfAbsent(
        key(name, tag, value),
        k -> tag == null ? registry.counter(name) : registry.counter(name, new Tag(tag, value)));
  }

  private Timer timer(String name, String tag, String value) {
    return timers.computeIfAbsent(
        key(name, tag, value),
        k -> tag == null ? registry.timer(name) : registry.timer(name, new Tag(tag, value)));
  }

  private static String key(String name, String tag, String value) {
    return tag == null ? name : name + '\u0000' + tag + '\u0000' + value;
  }
}
