package io.tokenwarden.fleet;

/**
 * How big the scenarios are: {@code small} (the default, what CI runs in a few minutes) or {@code
 * full} ({@code -Dfleet.size=full}, the sizes the issue names, for docs/RELIABILITY.md). A single
 * number can be overridden with its own property, e.g. {@code -Dfleet.storm.tenants=500}.
 */
final class FleetSize {

  private static final boolean FULL = "full".equals(System.getProperty("fleet.size", "small"));

  private FleetSize() {}

  static String name() {
    return FULL ? "full" : "small";
  }

  /** Tenants refreshing continuously in the failover scenarios (R1, R5, R6). */
  static int stormTenants() {
    return pick("fleet.storm.tenants", 60, 300);
  }

  /** R2: tenants and refresh cycles each of them goes through. */
  static int rotationTenants() {
    return pick("fleet.rotation.tenants", 100, 1000);
  }

  static int rotationCycles() {
    return pick("fleet.rotation.cycles", 3, 10);
  }

  /** R7: tenants whose first refresh answers a malformed-but-rotated 200. */
  static int faultTenants() {
    return pick("fleet.fault.tenants", 40, 200);
  }

  /** R4: tenants that all fall due at once under the global refresh limit. */
  static int globalLimitTenants() {
    return pick("fleet.r4.tenants", 45, 300);
  }

  /** A number of a scenario, small or full, overridable by {@code property}. */
  static int pickNumber(String property, int small, int full) {
    return pick(property, small, full);
  }

  /** A duration in seconds of a scenario, small or full, overridable by {@code property}. */
  static int pickSeconds(String property, int small, int full) {
    return pick(property, small, full);
  }

  private static int pick(String property, int small, int full) {
    return Integer.getInteger(property, FULL ? full : small);
  }
}
