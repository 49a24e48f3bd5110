package io.tokenwarden.emulator;

import java.util.List;

/**
 * Everything a test or a benchmark may change about the emulated provider, as one immutable value:
 * the start values come from MicroProfile Config, the control API replaces them at run time, and
 * every request reads the current value once so it sees a consistent set.
 */
public record EmulatorSettings(
    long codeLifetimeSeconds,
    long accessTokenLifetimeSeconds,
    long refreshTokenLifetimeSeconds,
    RotationMode rotationMode,
    long graceSeconds,
    int refreshLimitPerMinute,
    int apiLimitPerMinute,
    int apiLimitPerHour,
    boolean globalRefreshLimit,
    boolean omitRefreshTokenExpiresIn,
    boolean omitRefreshTokenOnRefresh,
    long maxHangMillis,
    List<FaultRule> faults) {

  /** FreeAgent's documented values: code 15 min, access 1 h, refresh ~20 years, 15/120/3600. */
  public static EmulatorSettings freeAgentDefaults() {
    return new EmulatorSettings(
        900,
        3600,
        631151957,
        RotationMode.STRICT,
        60,
        15,
        120,
        3600,
        false,
        false,
        false,
        60_000,
        List.of());
  }

  public EmulatorSettings {
    requirePositive(codeLifetimeSeconds, "codeLifetimeSeconds");
    requirePositive(accessTokenLifetimeSeconds, "accessTokenLifetimeSeconds");
    requirePositive(refreshTokenLifetimeSeconds, "refreshTokenLifetimeSeconds");
    requirePositive(refreshLimitPerMinute, "refreshLimitPerMinute");
    requirePositive(apiLimitPerMinute, "apiLimitPerMinute");
    requirePositive(apiLimitPerHour, "apiLimitPerHour");
    if (graceSeconds < 0 || maxHangMillis < 0) {
      throw new IllegalArgumentException("graceSeconds and maxHangMillis must not be negative");
    }
    if (rotationMode == null) {
      throw new IllegalArgumentException("rotationMode is required");
    }
    faults = List.copyOf(faults);
  }

  private static void requirePositive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  /**
   * The rotation that actually applies: a provider that leaves refresh_token out of a refresh
   * response cannot have rotated it, or the client would be left without one.
   */
  RotationMode effectiveRotation() {
    return omitRefreshTokenOnRefresh ? RotationMode.NONE : rotationMode;
  }
}
