package io.tokenwarden.bench;

/**
 * The benches' knobs: system properties of the Maven run ({@code -Dbench.refresh.tenants=1000}),
 * each with the default that reproduces the docs/DESIGN.md "Scale" scenario on a 2-core machine.
 */
final class BenchKnobs {

  private BenchKnobs() {}

  /** Tenants all due at once in the refresh throughput bench. */
  static int refreshTenants() {
    return Integer.getInteger("bench.refresh.tenants", 10_000);
  }

  /** Seconds until the due tenants' access tokens expire (as Token Warden believes). */
  static int refreshExpirySeconds() {
    return Integer.getInteger("bench.refresh.expiry-seconds", 40);
  }

  /** Upper bound for the refresh bench to finish. */
  static int refreshTimeoutSeconds() {
    return Integer.getInteger("bench.refresh.timeout-seconds", 300);
  }

  /** Client threads handing out tokens while the backlog is refreshed (freshness check). */
  static int freshnessThreads() {
    return Integer.getInteger("bench.freshness.threads", 2);
  }

  /** Tenant count at which the empty tick is measured the second time. */
  static int tickTenants() {
    return Integer.getInteger("bench.tick.tenants", 100_000);
  }

  static int tickIterations() {
    return Integer.getInteger("bench.tick.iterations", 2_000);
  }

  static int handOutThreads() {
    return Integer.getInteger("bench.handout.threads", 16);
  }

  static int handOutSeconds() {
    return Integer.getInteger("bench.handout.seconds", 15);
  }

  static int handOutWarmupSeconds() {
    return Integer.getInteger("bench.handout.warmup-seconds", 5);
  }

  /** Tenants the hand-out bench spreads its requests over (random, all with fresh tokens). */
  static int handOutTenants() {
    return Integer.getInteger("bench.handout.tenants", 100);
  }

  /** {@code wrk} for the P3 hand-out bench: two threads (one per core), 32 connections. */
  static java.util.Optional<Wrk> wrk() {
    return Wrk.onPath(
        Integer.getInteger("bench.wrk.threads", 2),
        Integer.getInteger("bench.wrk.connections", 32));
  }

  static int wrkSeconds() {
    return Integer.getInteger("bench.wrk.seconds", 15);
  }

  static int wrkWarmupSeconds() {
    return Integer.getInteger("bench.wrk.warmup-seconds", 5);
  }

  /** Tenants with fresh tokens the P3 bench spreads its requests over. */
  static int wrkTenants() {
    return Integer.getInteger("bench.wrk.tenants", 1_000);
  }

  static int consoleIterations() {
    return Integer.getInteger("bench.console.iterations", 200);
  }

  /** Tenants whose cache entries the P6 memory bench weighs. */
  static int memoryTenants() {
    return Integer.getInteger("bench.memory.tenants", 100_000);
  }

  /** Connected tenants in the P5 freshness soak. */
  static int soakTenants() {
    return Integer.getInteger("bench.soak.tenants", 1_000);
  }

  /** The access-token lifetime the emulator gives during the soak. */
  static int soakLifetimeSeconds() {
    return Integer.getInteger("bench.soak.lifetime-seconds", 60);
  }

  /** Minutes of each soak phase (one without, one with token-endpoint latency). */
  static int soakMinutes() {
    return Integer.getInteger("bench.soak.minutes", 30);
  }

  /** Client threads asking for tokens without pause during the soak. */
  static int soakThreads() {
    return Integer.getInteger("bench.soak.threads", 4);
  }

  /** Tenants due at once in the P2 bench (refreshes at real provider latency). */
  static int latencyTenants() {
    return Integer.getInteger("bench.latency.tenants", 3_000);
  }

  /** Milliseconds the emulator takes for every token-endpoint call in the P2 bench. */
  static int latencyMillis() {
    return Integer.getInteger("bench.latency.millis", 100);
  }
}
