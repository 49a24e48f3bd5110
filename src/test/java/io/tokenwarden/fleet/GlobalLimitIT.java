package io.tokenwarden.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * R4: the 2020 incident on the fleet. FreeAgent applies its refresh limit (15 a minute, meant per
 * user) to all users together, and every tenant falls due at once. Token Warden must lose nothing
 * to it (no NEEDS_RECONNECT, no invalid grant, no spent token sent again), must honour FreeAgent's
 * {@code Retry-After} and pause provider-wide rather than keep knocking, and must spend the
 * refreshes it can get on the most urgent tenants (earliest access-token expiry) first.
 *
 * <p>Sizing. The emulator's limit windows start on the minute, as FreeAgent's do; let B be the
 * first minute boundary after seeding. Each tenant's stored access token expires at B + 60 s + 4 s
 * × its rank in expiry order, 4 s being 60 s / 15, exactly the rate the limit allows; the ranks are
 * shuffled against the seeding order, the tenant ids and the FreeAgent user ids, so no accidental
 * order is the urgency order. Spent in expiry order the budget is enough: the refreshes of the
 * window starting at B + 60 j s go to ranks 15 j to 15 j + 14, whose tokens expire at B + 60 (j +
 * 1) s or later, a minute after the window opens, and a tenant that loses the race for a window's
 * last refreshes is at the head of the next window, still well before its expiry (rank 15 j + 7 or
 * later: B + 60 (j + 1) + 28 s). Spent in any other order it is not: the tenant that expires first
 * (B + 60 s) must be among the at most 30 refreshes of the partial minute before B and the minute
 * after it, and each later minute brings 15 refreshes for 15 more expiries, with nothing to spare
 * for catching up. Small: 45 tenants, tokens expiring 1 min to 3 min 56 s after B (three minutes of
 * work; a careless order loses a tenant unless the most urgent happen to come early). Full: 300
 * tenants, 1 min to 20 min 56 s after B: 300 refreshes at 15 a minute take 20 minutes. Refreshed
 * tokens live an hour (the emulator's {@code accessTokenLifetimeSeconds}), so their next refresh is
 * some 45 minutes away, past the end of the run: no tenant needs the budget twice. Each number has
 * its property: {@code -Dfleet.r4.tenants} (45 / 300), {@code -Dfleet.r4.limit-per-minute} (15),
 * {@code -Dfleet.r4.first-expiry-seconds} (60).
 *
 * <p>Where the order is read: every token-endpoint call is a {@code refresh_event} row (outcome,
 * HTTP status, duration, and for a 429 the Retry-After in its detail), written by the node when the
 * call's outcome is stored; a tenant's first {@code SUCCESS} row is when it was refreshed.
 */
@DisabledIfSystemProperty(
    named = "fleet.global-limit",
    matches = "false",
    disabledReason = "-Dfleet.global-limit=false leaves R4 out (about 2.5 minutes small, 20 full)")
@ExtendWith(FleetExtension.class)
class GlobalLimitIT {

  /**
   * The most 429s one minute may see: what two nodes have in flight when the window fills (2 × the
   * default {@code tokenwarden.refresh.concurrency} of 8), plus the 3 distinct users the
   * provider-wide detection needs, plus 5 to spare. A fleet that honoured each tenant's Retry-After
   * but never paused provider-wide would take one 429 per waiting tenant each minute (30 or more in
   * the first minute at the small size).
   */
  private static final int MOST_429S_IN_A_MINUTE = 2 * 8 + 3 + 5;

  /**
   * How long after a pause was first seen a node may still start a call: its next tick (1 s) reads
   * the pause, and the call's row is written after it ended (the row's time less its duration is
   * the call's start at the latest).
   */
  private static final Duration PAUSE_NOTICE = Duration.ofSeconds(10);

  /** What the audit row's time may lag behind the moment the node set the retry time. */
  private static final Duration RECORD_LAG = Duration.ofSeconds(5);

  /** R4: the 2020 global limit costs no tenant and serves the most urgent first. */
  @Test
  void theGlobalLimitLosesNoTenantAndServesTheMostUrgentFirst(FleetRun run) {
    int tenants = FleetSize.globalLimitTenants();
    int limit = FleetSize.pickNumber("fleet.r4.limit-per-minute", 15, 15);
    int firstExpiry = FleetSize.pickSeconds("fleet.r4.first-expiry-seconds", 60, 60);
    Duration gap = Duration.ofMillis(60_000L / limit);
    List<Integer> ranks = new ArrayList<>(IntStream.range(0, tenants).boxed().toList());
    Collections.shuffle(ranks);
    Scenario scenario = new Scenario(run, "R4");
    scenario
        .begin(
            "{\"rotationMode\":\"STRICT\",\"globalRefreshLimit\":true,\"refreshLimitPerMinute\":"
                + limit
                + ",\"accessTokenLifetimeSeconds\":3600,\"faults\":[]}")
        .seed(tenants, new UrgencyLadder(ranks, Duration.ofSeconds(firstExpiry), gap));
    Instant seeded = Instant.now();

    Map<Instant, Instant> pauses = new TreeMap<>();
    await("every tenant refreshed once under the global limit")
        .atMost(Duration.ofMinutes(tenants / limit + 3))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              observePause(run.database, pauses);
              return run.database.withFewerRefreshesThan(1) == 0;
            });
    Duration took = Duration.between(seeded, Instant.now());

    Map<String, Instant> expiries = scenario.storm.seededExpiries;
    Map<String, Instant> firstRefresh = firstRefreshes(run.database);
    List<String> late =
        expiries.keySet().stream()
            .filter(
                s -> !firstRefresh.containsKey(s) || !firstRefresh.get(s).isBefore(expiries.get(s)))
            .toList();
    long leastMargin =
        firstRefresh.entrySet().stream()
            .mapToLong(e -> Duration.between(e.getValue(), expiries.get(e.getKey())).toSeconds())
            .min()
            .orElse(0);
    Order order = Order.of(expiries, firstRefresh);
    long callsInPauses =
        callStarts(run.database).stream().filter(at -> inPause(at, pauses)).count();
    long earlyRetries = earlyRetries(run.database);
    long audited429s =
        run.database.count("SELECT COUNT(*) FROM refresh_event WHERE http_status = 429");
    long auditedRetryAfters =
        run.database.count(
            "SELECT COUNT(*) FROM refresh_event WHERE http_status = 429"
                + " AND substring(detail from 'retry after ([0-9]+) s') IS NOT NULL");
    Map<String, Long> perMinute =
        run.database.countsBy(
            "SELECT to_char(date_trunc('minute', occurred_at) AT TIME ZONE 'UTC', 'HH24:MI'),"
                + " COUNT(*) FROM refresh_event WHERE http_status = 429 GROUP BY 1");
    long most429s = perMinute.values().stream().mapToLong(Long::longValue).max().orElse(0);
    long rateLimited = scenario.total("refreshRateLimited");

    scenario.report(
        "2 nodes, "
            + tenants
            + " tenants all due at once, STRICT, global limit "
            + limit
            + "/min, tokens expiring "
            + firstExpiry
            + " s after the first full minute, then one every "
            + gap.toMillis()
            + " ms (shuffled)",
        "all refreshed "
            + took.toSeconds()
            + " s after seeding; 429s "
            + rateLimited
            + " (audited "
            + audited429s
            + ", per minute "
            + perMinute.values()
            + "); provider-wide pauses seen "
            + pauses.size()
            + ", calls started in one "
            + callsInPauses
            + "; calls before Retry-After "
            + earlyRetries
            + "; first refresh after expiry "
            + late.size()
            + ", least margin "
            + leastMargin
            + " s; minute windows used "
            + order.windows
            + ", refreshed a window after a less urgent tenant "
            + order.oneWindowBehind
            + ", two or more "
            + order.twoWindowsBehind);
    assertThat(scenario.lost()).as("tenants lost (NEEDS_RECONNECT)").isZero();
    assertThat(scenario.total("invalidGrants")).as("invalid grants").isZero();
    assertThat(scenario.total("spentTokenReuses")).as("spent-token reuses").isZero();
    assertThat(scenario.silentlyBroken()).as("connected tenants with a dead grant").isZero();
    assertThat(rateLimited).as("refreshes the emulator answered 429 (the limit bit)").isPositive();
    assertThat(late).as("tenants first refreshed after their access token expired").isEmpty();
    assertThat(order.twoWindowsBehind)
        .as("tenants refreshed two or more minutes after a less urgent tenant")
        .isZero();
    assertThat(pauses).as("provider-wide pauses seen in provider_state").isNotEmpty();
    assertThat(callsInPauses).as("token calls started during a provider-wide pause").isZero();
    assertThat(auditedRetryAfters).as("429s audited with their Retry-After").isEqualTo(audited429s);
    assertThat(earlyRetries).as("tenants called again before their Retry-After").isZero();
    assertThat(most429s).as("429s in one minute").isLessThanOrEqualTo(MOST_429S_IN_A_MINUTE);
  }

  /** Remembers each provider-wide pause in force now: its end, and when it was first seen. */
  private static void observePause(FleetDatabase database, Map<Instant, Instant> pauses) {
    database
        .rows(
            "SELECT throttle_paused_until, CURRENT_TIMESTAMP FROM provider_state"
                + " WHERE provider = 'freeagent' AND throttle_paused_until > CURRENT_TIMESTAMP",
            rs -> new Instant[] {instant(rs, 1), instant(rs, 2)})
        .forEach(pause -> pauses.putIfAbsent(pause[0], pause[1]));
  }

  /**
   * A call started after a pause was seen (and every node had a tick to notice) and before it
   * ended.
   */
  private static boolean inPause(Instant started, Map<Instant, Instant> pauses) {
    return pauses.entrySet().stream()
        .anyMatch(
            pause ->
                started.isAfter(pause.getValue().plus(PAUSE_NOTICE))
                    && started.isBefore(pause.getKey()));
  }

  /** Each tenant's first stored refresh, by slug. */
  private static Map<String, Instant> firstRefreshes(FleetDatabase database) {
    Map<String, Instant> first = new TreeMap<>();
    database
        .rows(
            "SELECT t.slug, MIN(e.occurred_at) FROM refresh_event e JOIN tenant t"
                + " ON t.id = e.tenant_id WHERE e.outcome = 'SUCCESS' GROUP BY t.slug",
            rs -> Map.entry(rs.getString(1), instant(rs, 2)))
        .forEach(row -> first.put(row.getKey(), row.getValue()));
    return first;
  }

  /**
   * Every token-endpoint call's start at the latest: its row's time less its duration (the row is
   * written after the answer).
   */
  private static List<Instant> callStarts(FleetDatabase database) {
    return database.rows(
        "SELECT occurred_at - COALESCE(duration_ms, 0) * INTERVAL '1 millisecond'"
            + " FROM refresh_event WHERE http_status IS NOT NULL",
        rs -> instant(rs, 1));
  }

  /**
   * Calls for a tenant that started sooner after its 429 than the Retry-After it recorded (less
   * {@link #RECORD_LAG}): the node sets the retry time from the Retry-After, then writes the row.
   */
  private static long earlyRetries(FleetDatabase database) {
    return database.count(
        "SELECT COUNT(*) FROM (SELECT http_status, occurred_at, detail,"
            + " LEAD(occurred_at) OVER w AS next_at, LEAD(duration_ms) OVER w AS next_ms"
            + " FROM refresh_event WHERE http_status IS NOT NULL"
            + " WINDOW w AS (PARTITION BY tenant_id ORDER BY occurred_at)) calls"
            + " WHERE http_status = 429 AND next_at IS NOT NULL"
            + " AND next_at - COALESCE(next_ms, 0) * INTERVAL '1 millisecond'"
            + " < occurred_at + (CAST(substring(detail from 'retry after ([0-9]+) s') AS INTEGER)"
            + " - "
            + RECORD_LAG.toSeconds()
            + ") * INTERVAL '1 second'");
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /**
   * The seeded ladder: the tenant seeded {@code index}-th has rank {@code ranks[index]} in expiry
   * order and expires at the first minute boundary after seeding plus {@code first} plus {@code
   * gap} × rank; every tenant is due at once.
   */
  private record UrgencyLadder(List<Integer> ranks, Duration first, Duration gap)
      implements Storm.Timing {

    @Override
    public Instant expiry(int index, Instant now, long lifetimeSeconds) {
      Instant firstWindow = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
      return firstWindow.plus(first).plus(gap.multipliedBy(ranks.get(index)));
    }

    @Override
    public Instant due(int index, Instant now, Instant expiry) {
      return now;
    }
  }

  /**
   * Refresh order against expiry order, by minute window (the limit's unit): how many tenants were
   * first refreshed in a later minute than some less urgent tenant, by one minute (the race for a
   * window's last refreshes: which of the calls in flight arrives first) and by two or more (the
   * budget spent on the wrong tenants).
   */
  private record Order(long windows, long oneWindowBehind, long twoWindowsBehind) {

    static Order of(Map<String, Instant> expiries, Map<String, Instant> firstRefresh) {
      List<String> leastUrgentFirst =
          expiries.keySet().stream()
              .filter(firstRefresh::containsKey)
              .sorted(Comparator.comparing(expiries::get).reversed())
              .toList();
      long earliestLessUrgent = Long.MAX_VALUE;
      long one = 0;
      long two = 0;
      for (String slug : leastUrgentFirst) {
        long window = firstRefresh.get(slug).getEpochSecond() / 60;
        if (earliestLessUrgent != Long.MAX_VALUE && window > earliestLessUrgent + 1) {
          two++;
        } else if (window > earliestLessUrgent) {
          one++;
        }
        earliestLessUrgent = Math.min(earliestLessUrgent, window);
      }
      long windows =
          firstRefresh.values().stream().map(at -> at.getEpochSecond() / 60).distinct().count();
      return new Order(windows, one, two);
    }
  }
}
