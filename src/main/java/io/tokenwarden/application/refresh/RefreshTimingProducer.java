package io.tokenwarden.application.refresh;

import io.tokenwarden.domain.RefreshSchedulePolicy;
import io.tokenwarden.domain.RefreshTiming;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Builds the refresh timing from MicroProfile Config ({@code tokenwarden.refresh.*}, defaults as
 * DESIGN.md states them) and the one schedule policy every use case shares.
 */
@ApplicationScoped
public class RefreshTimingProducer {

  // @Singleton, not @ApplicationScoped: both types are final, so CDI cannot proxy them.
  @Produces
  @Singleton
  RefreshTiming refreshTiming() {
    Config config = ConfigProvider.getConfig();
    return new RefreshTiming(
        duration(config, "tokenwarden.refresh.min-lead", "PT5M"),
        number(config, "tokenwarden.refresh.lead-fraction", 0.25),
        number(config, "tokenwarden.refresh.jitter-fraction", 0.10),
        duration(config, "tokenwarden.refresh.min-validity", "PT5M"),
        duration(config, "tokenwarden.refresh.initial-backoff", "PT30S"),
        duration(config, "tokenwarden.refresh.max-backoff", "PT15M"),
        duration(config, "tokenwarden.refresh.expiry-margin", "PT2M"));
  }

  @Produces
  @Singleton
  RefreshSchedulePolicy refreshSchedulePolicy(RefreshTiming timing) {
    return new RefreshSchedulePolicy(timing, () -> ThreadLocalRandom.current().nextDouble());
  }

  private static Duration duration(Config config, String key, String fallback) {
    return Duration.parse(config.getOptionalValue(key, String.class).orElse(fallback).strip());
  }

  private static double number(Config config, String key, double fallback) {
    return config.getOptionalValue(key, Double.class).orElse(fallback);
  }
}
