package io.tokenwarden.bench;

import io.tokenwarden.it.Deployments;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The docs/DESIGN.md "Scale" figures on the IT server, in order, because each scenario builds the
 * tables the next needs: refresh throughput with a freshness check (10,000 tenants due at once,
 * against a bare loop), the token hand-out, the empty scheduler tick at 10,000 and 100,000 tenants,
 * the console's first page at 100,000, and the capacity page's read model at that size with every
 * connected tenant due within the hour. Each prints a table and appends it to
 * target/bench/results.md. Run with {@code mvn verify -Pbench} (bench/run.sh); never part of the
 * normal build.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleBench {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application().addClasses(BenchProbe.class, RefreshYardsticks.class);
  }

  private static final BenchClient client = new BenchClient();
  private static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  private static final String REFRESH_PREFIX = "bench-r-" + RUN;
  private static JsonObject environment;
  private static JsonObject savedEmulatorSettings;
  private static String tokenKey;
  private static int refreshedTenants;
  private static JsonObject heapAtStart;
  private static JsonObject heapAfterHandOuts;

  @BeforeAll
  static void describeRun() {
    environment = client.probe("environment");
    savedEmulatorSettings = client.control("GET", "/settings", null);
    heapAtStart = client.probe("heap");
    new BenchReport(
            "Bench run "
                + LocalDate.now()
                + " on "
                + environment.getString("database")
                + ", "
                + environment.getInt("cores")
                + " cores")
        .info("tenants in the database at start", String.valueOf(environment.getInt("tenants")))
        .info(
            "refresh settings",
            "tick "
                + environment.getString("tick")
                + ", concurrency "
                + environment.getInt("concurrency")
                + ", max-per-tick "
                + environment.getString("maxPerTick")
                + ", DB pool "
                + environment.getString("poolMax")
                + ", hand-out cache TTL "
                + environment.getString("handoutCacheTtl"))
        .publish();
  }

  @AfterAll
  static void restoreEmulator() {
    if (savedEmulatorSettings != null) {
      client.control("PUT", "/settings", savedEmulatorSettings.toString());
    }
  }

  /**
   * Scenarios 1 and 5: N connected tenants all due at once are refreshed by the engine against the
   * in-server emulator (no limits, STRICT rotation) while clients keep asking for their tokens;
   * then a bare loop does the same token POST + one UPDATE per tenant with the same concurrency,
   * and the protocol floor the same with the rotation-safe protocol's statements and journal flush
   * in plain JDBC ({@link RefreshYardsticks}).
   */
  @Test
  @Order(1)
  void refreshThroughputAndFreshness() {
    int tenants = BenchKnobs.refreshTenants();
    int concurrency = environment.getInt("concurrency");
    client.control(
        "PUT",
        "/settings",
        "{\"refreshLimitPerMinute\":1000000000,\"apiLimitPerMinute\":1000000000,"
            + "\"apiLimitPerHour\":1000000000,\"globalRefreshLimit\":false,"
            + "\"rotationMode\":\"STRICT\",\"accessTokenLifetimeSeconds\":3600,\"faults\":[]}");
    JsonObject seeded = client.seedConnectedTenants(REFRESH_PREFIX, tenants);
    tokenKey = client.probe("token-key").getString("key");
    JsonObject before = client.control("GET", "/counters", null).getJsonObject("total");

    Freshness freshness = new Freshness(tenants);
    List<Thread> watchers = new ArrayList<>();
    for (int i = 0; i < BenchKnobs.freshnessThreads(); i++) {
      watchers.add(started(freshness::watch));
    }
    JsonObject due =
        client.probe(
            "make-due?prefix="
                + REFRESH_PREFIX
                + "&expiresInSeconds="
                + BenchKnobs.refreshExpirySeconds());
    Instant dueAt = Instant.parse(due.getString("dueAt"));
    BenchClient.RefreshProgress awaited = client.awaitRefreshed(REFRESH_PREFIX, tenants);
    JsonObject progress = awaited.last();
    boolean finished = awaited.finished();
    freshness.stop();
    watchers.forEach(ScaleBench::join);
    JsonObject after = client.control("GET", "/counters", null).getJsonObject("total");

    long refreshed = awaited.refreshed();
    refreshedTenants = (int) refreshed;
    double engineSeconds = awaited.secondsAfter(dueAt, "lastSuccess");
    double firstAfter = awaited.secondsAfter(dueAt, "firstSuccess");
    double engineRate = refreshed / engineSeconds;
    JsonObject engineLatency =
        client.probe("refresh-latency?prefix=" + REFRESH_PREFIX + "&dueAt=" + dueAt);

    JsonObject bare =
        client.probe("bare-loop?prefix=" + REFRESH_PREFIX + "&threads=" + concurrency);
    double bareRate = rate(bare);
    double ratio = engineRate / bareRate;
    JsonObject floor = protocolFloor(concurrency, 1);
    double floorRate = rate(floor);
    JsonObject batchedFloor = protocolFloor(concurrency, concurrency);
    double batchedFloorRate = rate(batchedFloor);

    new BenchReport(
            "Refresh throughput: "
                + tenants
                + " tenants due at once, in-server emulator (STRICT rotation, no limits)")
        .row(
            "engine: refreshes/s (due → last stored)",
            "≥ 300/s",
            fmt(engineRate)
                + "/s ("
                + refreshed
                + " in "
                + fmt(engineSeconds)
                + " s"
                + (finished ? "" : ", TIMED OUT")
                + ")",
            engineRate >= 300 && finished)
        .row(
            "bare loop: token POST + one UPDATE, " + concurrency + " threads",
            "–",
            fmt(bareRate)
                + "/s ("
                + bare.getInt("refreshed")
                + " in "
                + fmt(bare.getJsonNumber("millis").longValue() / 1000.0)
                + " s, "
                + bare.getInt("failures")
                + " failed)",
            true)
        .row("engine / bare loop", "≥ 60 %", fmt(ratio * 100) + " %", ratio >= 0.6)
        .info(
            "protocol floor, one row per transaction: claim, journal flush, fenced store",
            floorRow(floor, floorRate, bareRate))
        .info(
            "protocol floor, " + concurrency + " rows per claim, flush and store",
            floorRow(batchedFloor, batchedFloorRate, bareRate))
        .info(
            "engine / protocol floor (one row; " + concurrency + " rows)",
            fmt(engineRate / floorRate * 100)
                + " %; "
                + fmt(engineRate / batchedFloorRate * 100)
                + " %")
        .info(
            "protocol floor: one row, p50 / p99; " + concurrency + " rows, p50 / p99",
            p50AndP99(floor.getJsonObject("work"))
                + "; "
                + p50AndP99(batchedFloor.getJsonObject("work")))
        .info(
            "engine: one refresh on a worker (snapshot, call, store), p50 / p99",
            p50AndP99(engineLatency.getJsonObject("work")))
        .info(
            "engine: of which the token-endpoint call (fault tolerance, REST client), p50 / p99",
            p50AndP99(engineLatency.getJsonObject("call")))
        .info("bare loop: one refresh, p50 / p99", p50AndP99(bare.getJsonObject("work")))
        .info(
            "engine: pairs per store transaction, mean / max (ADR 0032)",
            storedTogether(engineLatency.getJsonObject("storedTogether")))
        .info(
            "workers busy on average (rate × mean time per refresh), of " + concurrency,
            "engine "
                + fmt(engineRate * mean(engineLatency.getJsonObject("work")))
                + ", bare loop "
                + fmt(bareRate * mean(bare.getJsonObject("work"))))
        .info(
            "engine: due → pair stored, per tenant, p50 / p99",
            p50AndP99(engineLatency.getJsonObject("dueToStored")))
        .info(
            "bare loop: its start → pair stored, per tenant, p50 / p99",
            p50AndP99(bare.getJsonObject("dueToStored")))
        .info(
            "first refresh stored after due",
            fmt(firstAfter) + " s (tick " + environment.getString("tick") + ")")
        .info(
            "seeding (not timed)",
            seeded.getInt("mintMillis")
                + " ms minting grants, "
                + seeded.getInt("insertMillis")
                + " ms inserting")
        .noTokenLost(before, after, progress)
        .publish();

    new BenchReport(
            "Freshness: hand-outs while the backlog was refreshed (tokens believed to expire "
                + BenchKnobs.refreshExpirySeconds()
                + " s after due)")
        .row(
            "expired tokens handed out",
            "0",
            freshness.expired.get() + " of " + freshness.ok.get() + " tokens handed out",
            freshness.expired.get() == 0)
        .info("other answers", freshness.others.isEmpty() ? "none" : freshness.others.toString())
        .info("client threads", String.valueOf(BenchKnobs.freshnessThreads()))
        .publish();
  }

  /**
   * Scenario 3: the hand-out of fresh tokens (cached on the node or read from the database) from
   * many client threads over loopback, after a warm-up.
   */
  @Test
  @Order(2)
  void handOutFreshTokens() throws Exception {
    Assumptions.assumeTrue(tokenKey != null && refreshedTenants > 0, "needs scenario 1's tenants");
    int threads = BenchKnobs.handOutThreads();
    int spread = Math.min(BenchKnobs.handOutTenants(), refreshedTenants);
    long warmupEnd =
        System.nanoTime() + Duration.ofSeconds(BenchKnobs.handOutWarmupSeconds()).toNanos();
    long end = warmupEnd + Duration.ofSeconds(BenchKnobs.handOutSeconds()).toNanos();
    long[][] latencies = new long[threads][];
    int[] counts = new int[threads];
    AtomicLong errors = new AtomicLong();
    List<Thread> clients = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int index = t;
      clients.add(
          started(
              () -> {
                long[] mine = new long[1 << 16];
                int n = 0;
                while (true) {
                  long start = System.nanoTime();
                  if (start >= end) {
                    break;
                  }
                  int status = handOut(ThreadLocalRandom.current().nextInt(spread)).statusCode();
                  long took = System.nanoTime() - start;
                  if (start >= warmupEnd) {
                    if (status != 200) {
                      errors.incrementAndGet();
                    }
                    if (n == mine.length) {
                      mine = Arrays.copyOf(mine, n * 2);
                    }
                    mine[n++] = took;
                  }
                }
                latencies[index] = mine;
                counts[index] = n;
              }));
    }
    clients.forEach(ScaleBench::join);
    int total = Arrays.stream(counts).sum();
    long[] all = new long[total];
    int at = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(latencies[t], 0, all, at, counts[t]);
      at += counts[t];
    }
    Arrays.sort(all);
    double rate = total / (double) BenchKnobs.handOutSeconds();
    double p50 = all[(int) (0.50 * (total - 1))] / 1e6;
    double p99 = all[(int) (0.99 * (total - 1))] / 1e6;
    new BenchReport(
            "Token hand-out, fresh token: "
                + threads
                + " client threads over loopback, "
                + BenchKnobs.handOutSeconds()
                + " s after "
                + BenchKnobs.handOutWarmupSeconds()
                + " s warm-up, random tenant of "
                + spread)
        .row(
            "requests/s",
            "≥ 5,000",
            fmt(rate) + " (" + total + " requests, " + errors.get() + " not 200)",
            rate >= 5000 && errors.get() == 0)
        .row("p50 latency (client-side)", "–", fmt(p50) + " ms", true)
        .row("p99 latency (client-side)", "≤ 5 ms", fmt(p99) + " ms", p99 <= 5)
        .note(
            "Client and server share the same 2 cores: the client's own CPU use counts against the server.")
        .publish();
  }

  /**
   * P6, first half: the heap a tenant asked for costs this node. The hand-out's two caches (slug →
   * tenant, decrypted token) are the only per-tenant state it keeps; the probe fills fresh
   * instances of those classes with realistic entries and weighs them, so tenants the server's own
   * caches already hold (scenario 1's clients asked for many) do not hide in the difference.
   */
  @Test
  @Order(3)
  void memoryPerHandedOutTenant() {
    int count = BenchKnobs.memoryTenants();
    heapAfterHandOuts = client.probe("heap");
    JsonObject footprint = client.probe("cache-footprint?count=" + count);
    long bytes = footprint.getJsonNumber("bytes").longValue();
    new BenchReport("P6 memory: heap per tenant asked for (live heap after full GCs)")
        .info("live heap at the start of the run", BenchReport.mib(used(heapAtStart)))
        .info(
            "live heap after scenarios 1 and 2",
            BenchReport.mib(used(heapAfterHandOuts))
                + " at "
                + heapAfterHandOuts.getJsonNumber("tenants")
                + " tenants")
        .info(
            "token and slug cache entries filled",
            footprint.getJsonNumber("tokenEntries")
                + " / "
                + footprint.getJsonNumber("slugEntries"))
        .row(
            "bytes per tenant asked for (token + slug cache entries)",
            "–",
            fmt(bytes / (double) count) + " (" + BenchReport.mib(bytes) + " for " + count + ")",
            true)
        .info(
            "heap committed / max",
            BenchReport.mib(heapAfterHandOuts.getJsonNumber("committedBytes").longValue())
                + " / "
                + BenchReport.mib(heapAfterHandOuts.getJsonNumber("maxBytes").longValue()))
        .note(
            "Least used heap over three System.gc() rounds in the server, before and after"
                + " filling fresh AccessTokenCache and TenantSlugCache instances with 44-character"
                + " tokens and 18–23-character slugs. An entry leaves the token cache when its"
                + " token expires, so this is paid for the tenants asked for within one token"
                + " lifetime.")
        .publish();
  }

  /**
   * Scenario 2: what a tick costs when nothing is due (the provider-state read plus the claim
   * transaction, the same code the tick runs), at the current tenant count and after topping the
   * tables up to 100,000 idle tenants.
   */
  @Test
  @Order(4)
  void emptyTickDoesNotGrowWithTenants() {
    int iterations = BenchKnobs.tickIterations();
    JsonObject small = client.probe("claim-timing?iterations=" + iterations);
    long present = small.getJsonNumber("tenants").longValue();
    long missing = BenchKnobs.tickTenants() - present;
    JsonObject seeded = null;
    if (missing > 0) {
      seeded = client.probe("seed-idle?prefix=bench-i-" + RUN + "&count=" + missing);
    }
    JsonObject large = client.probe("claim-timing?iterations=" + iterations);
    double smallP50 = small.getJsonObject("tick").getJsonNumber("p50").doubleValue();
    double largeP50 = large.getJsonObject("tick").getJsonNumber("p50").doubleValue();
    double largeP99 = large.getJsonObject("tick").getJsonNumber("p99").doubleValue();
    BenchReport report =
        new BenchReport("Scheduler tick with nothing due (" + iterations + " ticks each)")
            .row(
                "tick at " + small.getJsonNumber("tenants") + " tenants: p50 / p99 / max",
                "≤ 5 ms",
                times(small.getJsonObject("tick")),
                small.getJsonObject("tick").getJsonNumber("p99").doubleValue() <= 5)
            .info("…of which the claim transaction", times(small.getJsonObject("claim")))
            .row(
                "tick at " + large.getJsonNumber("tenants") + " tenants: p50 / p99 / max",
                "≤ 5 ms",
                times(large.getJsonObject("tick")),
                largeP99 <= 5)
            .info("…of which the claim transaction", times(large.getJsonObject("claim")))
            .row(
                "p50 growth " + present + " → " + large.getJsonNumber("tenants") + " tenants",
                "does not grow with tenants (≤ 1.5×)",
                fmt(largeP50 / smallP50) + "×",
                largeP50 / smallP50 <= 1.5)
            .info(
                "rows claimed while timing (should be 0)",
                small.getInt("claimed") + " / " + large.getInt("claimed"));
    if (seeded != null) {
      report.info(
          "seeding idle tenants (not timed)",
          seeded.getInt("seeded") + " in " + seeded.getInt("millis") + " ms");
    }
    report
        .note(
            "Tick = provider_state read + ConnectionLeases.claimDue(concurrency), each its own transaction, timed in the server; the real tick also takes refresh slots (in memory).")
        .publish();
  }

  /**
   * Scenario 4: the console's first page at 100,000 tenants, timed in the server through the
   * console's read model.
   */
  @Test
  @Order(5)
  void consoleFirstPage() {
    JsonObject page = client.probe("console-timing?iterations=" + BenchKnobs.consoleIterations());
    JsonObject took = page.getJsonObject("page");
    new BenchReport("Console first page (" + page.getInt("iterations") + " times, server time)")
        .row(
            "first page at " + page.getJsonNumber("tenants") + " tenants: p50 / p99 / max",
            "≤ 150 ms",
            times(took),
            took.getJsonNumber("p99").doubleValue() <= 150)
        .note(
            "Measured: TenantOverview.page(all, 0, 25) ordered by slug + count(all) +"
                + " countsByStatus(), the console's own read model, each its own root-context"
                + " transaction; not the Faces rendering.")
        .publish();
  }

  /**
   * Scenario 5: the capacity page's read model at the same tenant count, every connected tenant due
   * within the hour and one in ten behind a shared accountant (its worst case), timed in the
   * server.
   */
  @Test
  @Order(6)
  void capacityPage() {
    JsonObject page = client.probe("capacity-timing?iterations=" + BenchKnobs.consoleIterations());
    JsonObject took = page.getJsonObject("report");
    new BenchReport("Capacity page (" + page.getInt("iterations") + " times, server time)")
        .row(
            "capacity figures at "
                + page.getJsonNumber("tenants")
                + " tenants, "
                + page.getJsonNumber("dueNextHour")
                + " due in the next hour: p50 / p99 / max",
            "≤ 1000 ms",
            times(took),
            took.getJsonNumber("p99").doubleValue() <= 1000)
        .info(
            "FreeAgent users behind several tenants", page.getJsonNumber("sharedUsers").toString())
        .info(
            "spreading next refreshes over the hour (not timed)",
            page.getInt("spread") + " in " + page.getJsonNumber("spreadMillis") + " ms")
        .note(
            "Measured: CapacityOverview.report(), the page's read model: due per minute and per"
                + " FreeAgent user (GROUP BY minute, user), the shared users, their busiest minutes,"
                + " the last hour's outcomes, refresh-token expiry counts, lag and status counts,"
                + " each its own root-context transaction; not the Faces rendering.")
        .publish();
  }

  /**
   * P6, second half: what idle tenants in the database cost this node's heap. Scenarios 4 to 6
   * topped the tables up to 100,000 tenants and read them through the tick, the console and the
   * capacity page; a tenant nobody asks for should cost the heap nothing.
   */
  @Test
  @Order(7)
  void memoryWithIdleTenantsLoaded() {
    Assumptions.assumeTrue(heapAfterHandOuts != null, "needs the first half's figure");
    JsonObject loaded = client.probe("heap");
    long moreTenants =
        loaded.getJsonNumber("tenants").longValue()
            - heapAfterHandOuts.getJsonNumber("tenants").longValue();
    long grown = used(loaded) - used(heapAfterHandOuts);
    new BenchReport("P6 memory: heap with idle tenants loaded")
        .info(
            "live heap with " + heapAfterHandOuts.getJsonNumber("tenants") + " tenants",
            BenchReport.mib(used(heapAfterHandOuts)))
        .info(
            "live heap with "
                + loaded.getJsonNumber("tenants")
                + " tenants, after the tick, console and capacity scenarios",
            BenchReport.mib(used(loaded)))
        .row(
            "bytes per idle tenant",
            "≈ 0 (nothing kept per tenant nobody asks for)",
            moreTenants > 0 ? fmt(grown / (double) moreTenants) : "no tenants added",
            moreTenants > 0 && grown / (double) moreTenants < 100)
        .note(
            "Includes whatever the tick, console and capacity scenarios left behind that is not"
                + " per tenant (query plans, pooled statements).")
        .publish();
  }

  private static long used(JsonObject heap) {
    return heap.getJsonNumber("usedBytes").longValue();
  }

  private HttpResponse<String> handOut(int tenant) {
    return client.handOut(REFRESH_PREFIX, tenant, tokenKey);
  }

  /** Hands out random tenants' tokens until stopped; counts any that had already expired. */
  private final class Freshness {
    final int tenants;
    final AtomicBoolean stopped = new AtomicBoolean();
    final AtomicLong ok = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    final ConcurrentHashMap<Integer, AtomicLong> others = new ConcurrentHashMap<>();

    Freshness(int tenants) {
      this.tenants = tenants;
    }

    void watch() {
      while (!stopped.get()) {
        HttpResponse<String> response = handOut(ThreadLocalRandom.current().nextInt(tenants));
        Instant received = Instant.now();
        if (response.statusCode() != 200) {
          others.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
          continue;
        }
        JsonObject body = BenchClient.json(response.body());
        ok.incrementAndGet();
        if (!Instant.parse(body.getString("expires_at")).isAfter(received)
            || body.getJsonNumber("expires_in").longValue() <= 0) {
          expired.incrementAndGet();
        }
      }
    }

    void stop() {
      stopped.set(true);
    }
  }

  private static String times(JsonObject p) {
    return p.getJsonNumber("p50")
        + " / "
        + p.getJsonNumber("p99")
        + " / "
        + p.getJsonNumber("max")
        + " ms";
  }

  /** "p50 / p99 ms" of a probe's percentile object; "none" when it counted nothing. */
  /**
   * The protocol floor ({@link RefreshYardsticks}) over the same tenants at the same concurrency,
   * {@code batch} rows per claim, journal flush and store.
   */
  private JsonObject protocolFloor(int concurrency, int batch) {
    return client.probe(
        "protocol-floor?prefix=" + REFRESH_PREFIX + "&threads=" + concurrency + "&batch=" + batch);
  }

  private static double rate(JsonObject yardstick) {
    return yardstick.getInt("refreshed") / (yardstick.getJsonNumber("millis").longValue() / 1000.0);
  }

  private static String floorRow(JsonObject floor, double floorRate, double bareRate) {
    return fmt(floorRate)
        + "/s = "
        + fmt(floorRate / bareRate * 100)
        + " % of the bare loop ("
        + floor.getInt("refreshed")
        + " in "
        + fmt(floor.getJsonNumber("millis").longValue() / 1000.0)
        + " s, "
        + floor.getInt("failures")
        + " not stored, first failure "
        + floor.getString("firstFailure")
        + ")";
  }

  /** Mean and largest group of the engine's group commit, with how many transactions it took. */
  private static String storedTogether(JsonObject groups) {
    long transactions = groups.getJsonNumber("transactions").longValue();
    long pairs = groups.getJsonNumber("pairs").longValue();
    return (transactions == 0 ? "–" : fmt(pairs / (double) transactions))
        + " / "
        + groups.getJsonNumber("max").longValue()
        + " ("
        + pairs
        + " pairs in "
        + transactions
        + " transactions)";
  }

  private static String p50AndP99(JsonObject p) {
    if (!p.containsKey("p50")) {
      return "none";
    }
    return fmt(p.getJsonNumber("p50").doubleValue())
        + " / "
        + fmt(p.getJsonNumber("p99").doubleValue())
        + " ms";
  }

  /** The mean of a probe's percentile object, in seconds (0 when it counted nothing). */
  private static double mean(JsonObject p) {
    return p.containsKey("mean") ? p.getJsonNumber("mean").doubleValue() / 1000 : 0;
  }

  private static String fmt(double value) {
    return BenchReport.fmt(value);
  }

  private static Thread started(Runnable body) {
    Thread thread = new Thread(body, "bench-client");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
