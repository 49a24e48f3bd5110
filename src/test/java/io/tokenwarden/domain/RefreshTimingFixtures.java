package io.tokenwarden.domain;

import java.time.Duration;

/**
 * The refresh timing the README documents as the defaults, for tests that want realistic numbers.
 * Production code reads them from configuration ({@code RefreshSettings}, where each default is
 * written once); {@code RefreshSettingsTest} checks that the two agree.
 */
public final class RefreshTimingFixtures {

  private RefreshTimingFixtures() {}

  public static RefreshTiming documentedDefaults() {
    return new RefreshTiming(
        Duration.ofMinutes(5),
        0.25,
        0.10,
        Duration.ofMinutes(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(15),
        Duration.ofMinutes(2));
  }
}
