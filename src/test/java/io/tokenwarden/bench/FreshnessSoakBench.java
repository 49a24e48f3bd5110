package io.tokenwarden.bench;

import io.tokenwarden.it.Deployments;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * P5, the freshness soak: {@code bench.soak.tenants} connected tenants whose access tokens live
 * {@code bench.soak.lifetime-seconds} (60 s, so the engine refreshes each one about every 40 s),
 * client threads asking for random tenants' tokens without pause for {@code bench.soak.minutes},
 * first against a provider answering at once, then with 1–3 s on every token-endpoint call. Counts
 * every token handed out already expired (target 0) and the remaining lifetime at hand-out (its 1st
 * percentile), the answers other than 200, the provider's spent-token reuses and invalid grants,
 * and the live heap at each phase's start and end (P6: no growth over the soak). Runs only when
 * asked for, being long: {@code bench/run.sh -Dit.test=FreshnessSoakBench -Dbench.soak=true}; never
 * part of the normal build.
 */
@ExtendWith(ArquillianExtension.class)
class FreshnessSoakBench {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application().addClasses(BenchProbe.class, RefreshYardsticks.class);
  }

  private static final String PREFIX = "bench-s-" + UUID.randomUUID().toString().substring(0, 6);

  private static final String SLOW_TOKEN_ENDPOINT =
      "{\"kind\":\"LATENCY\",\"scope\":\"TOKEN_ENDPOINT\",\"probability\":1.0,"
          + "\"minMillis\":1000,\"maxMillis\":3000}";

  private final BenchClient client = new BenchClient();

  @Test
  void tokensStayFreshForTheWholeSoak() {
    Assumptions.assumeTrue(
        Boolean.getBoolean("bench.soak"),
        "the soak takes 2 × bench.soak.minutes (30 by default): run it with -Dbench.soak=true");
    JsonObject saved = client.control("GET", "/settings", null);
    try {
      int tenants = BenchKnobs.soakTenants();
      int lifetime = BenchKnobs.soakLifetimeSeconds();
      client.control("PUT", "/settings", emulatorSettings(lifetime, ""));
      client.seedConnectedTenants(PREFIX, tenants);
      String key = client.probe("token-key").getString("key");
      // Every stored token now believed to expire one lifetime from now: the engine takes over.
      client.probe("make-due?prefix=" + PREFIX + "&expiresInSeconds=" + lifetime);

      Phase quick = soak("provider answers at once", tenants, lifetime, key);
      client.control("PUT", "/settings", emulatorSettings(lifetime, SLOW_TOKEN_ENDPOINT));
      Phase slow = soak("1–3 s on every token-endpoint call", tenants, lifetime, key);
      report(tenants, lifetime, List.of(quick, slow));
    } finally {
      client.control("PUT", "/settings", saved.toString());
    }
  }

  private static String emulatorSettings(int lifetime, String fault) {
    return "{\"refreshLimitPerMinute\":1000000000,\"apiLimitPerMinute\":1000000000,"
        + "\"apiLimitPerHour\":1000000000,\"globalRefreshLimit\":false,"
        + "\"rotationMode\":\"STRICT\",\"accessTokenLifetimeSeconds\":"
        + lifetime
        + ",\"faults\":["
        + fault
        + "]}";
  }

  private Phase soak(String name, int tenants, int lifetime, String key) {
    JsonObject heapBefore = client.probe("heap");
    JsonObject countersBefore = client.control("GET", "/counters", null).getJsonObject("total");
    Tally tally = new Tally(lifetime);
    long end = System.nanoTime() + Duration.ofMinutes(BenchKnobs.soakMinutes()).toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < BenchKnobs.soakThreads(); t++) {
      Thread asker =
          new Thread(
              () -> {
                while (System.nanoTime() < end) {
                  tally.count(
                      client.handOut(PREFIX, ThreadLocalRandom.current().nextInt(tenants), key));
                }
              },
              "soak-client-" + t);
      asker.start();
      threads.add(asker);
    }
    for (Thread thread : threads) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    JsonObject countersAfter = client.control("GET", "/counters", null).getJsonObject("total");
    JsonObject heapAfter = client.probe("heap");
    return new Phase(
        name,
        tally,
        BenchClient.delta(countersBefore, countersAfter, "refreshSuccesses"),
        BenchClient.delta(countersBefore, countersAfter, "spentTokenReuses"),
        BenchClient.delta(countersBefore, countersAfter, "invalidGrants"),
        heapBefore.getJsonNumber("usedBytes").longValue(),
        heapAfter.getJsonNumber("usedBytes").longValue());
  }

  private void report(int tenants, int lifetime, List<Phase> phases) {
    BenchReport report =
        new BenchReport(
            "P5 freshness soak: "
                + tenants
                + " tenants, "
                + lifetime
                + " s access tokens, "
                + BenchKnobs.soakThreads()
                + " client threads without pause, "
                + BenchKnobs.soakMinutes()
                + " minutes per phase");
    for (Phase phase : phases) {
      Tally tally = phase.tally();
      report
          .row(
              phase.name() + ": expired tokens handed out",
              "0",
              tally.expired.get() + " of " + tally.ok.get(),
              tally.expired.get() == 0)
          .info(
              phase.name() + ": remaining lifetime at hand-out, 1st percentile / p50",
              BenchReport.fmt(tally.percentileSeconds(0.01))
                  + " s / "
                  + BenchReport.fmt(tally.percentileSeconds(0.50))
                  + " s")
          .info(phase.name() + ": answers other than 200", tally.others())
          .row(
              phase.name() + ": refreshes / spent-token reuses / invalid grants",
              "reuses 0, invalid 0",
              phase.refreshes() + " / " + phase.reuses() + " / " + phase.invalidGrants(),
              phase.reuses() == 0 && phase.invalidGrants() == 0)
          .info(
              phase.name() + ": live heap at start → end",
              BenchReport.mib(phase.heapBefore()) + " → " + BenchReport.mib(phase.heapAfter()));
    }
    report
        .note(
            "Remaining lifetime = the answer's expires_at less the moment the client received it."
                + " A token closer to expiry than the hand-out's minimum validity is refreshed on"
                + " demand or answered 503 with Retry-After, never handed out. Live heap: the least"
                + " used heap over three System.gc() rounds in the server.")
        .publish();
  }

  /** One phase's figures. */
  private record Phase(
      String name,
      Tally tally,
      long refreshes,
      long reuses,
      long invalidGrants,
      long heapBefore,
      long heapAfter) {}

  /** The hand-outs of one phase, their remaining lifetimes in 100 ms buckets. */
  private static final class Tally {
    final AtomicLong ok = new AtomicLong();
    final AtomicLong expired = new AtomicLong();
    final ConcurrentHashMap<Integer, AtomicLong> otherStatuses = new ConcurrentHashMap<>();
    final AtomicLongArray remaining;

    Tally(int lifetimeSeconds) {
      // Room for a token a little longer-lived than announced; longer ones land in the last bucket.
      remaining = new AtomicLongArray(lifetimeSeconds * 20 + 1);
    }

    void count(HttpResponse<String> response) {
      Instant received = Instant.now();
      if (response.statusCode() != 200) {
        otherStatuses
            .computeIfAbsent(response.statusCode(), s -> new AtomicLong())
            .incrementAndGet();
        return;
      }
      ok.incrementAndGet();
      Instant expiresAt = Instant.parse(BenchClient.json(response.body()).getString("expires_at"));
      long leftMillis = Duration.between(received, expiresAt).toMillis();
      if (leftMillis <= 0) {
        expired.incrementAndGet();
        return;
      }
      remaining.incrementAndGet((int) Math.min(remaining.length() - 1, leftMillis / 100));
    }

    /** The remaining lifetime below which {@code fraction} of the fresh hand-outs fell. */
    double percentileSeconds(double fraction) {
      long total = 0;
      for (int i = 0; i < remaining.length(); i++) {
        total += remaining.get(i);
      }
      long wanted = (long) Math.ceil(fraction * total);
      long seen = 0;
      for (int i = 0; i < remaining.length(); i++) {
        seen += remaining.get(i);
        if (seen >= wanted && seen > 0) {
          return i / 10.0;
        }
      }
      return Double.NaN;
    }

    String others() {
      if (otherStatuses.isEmpty()) {
        return "none";
      }
      Map<Integer, Long> sorted = new TreeMap<>();
      otherStatuses.forEach((status, count) -> sorted.put(status, count.get()));
      return sorted.toString();
    }
  }
}
