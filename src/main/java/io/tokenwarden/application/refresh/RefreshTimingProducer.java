package io.tokenwarden.application.refresh;

import io.tokenwarden.domain.RefreshSchedulePolicy;
import io.tokenwarden.domain.RefreshTiming;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The refresh timing numbers from MicroProfile Config ({@code tokenwarden.refresh.*}, defaults as
 * DESIGN.md gives them) and the one schedule policy built from them. Connecting computes the first
 * {@code next_refresh_at} with it and the scheduler every later one, so both agree.
 */
@ApplicationScoped
public class RefreshTimingProducer {

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.min-lead", defaultValue = "PT5M")
  Duration minimumLead;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.lead-fraction", defaultValue = "0.25")
  double leadFraction;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.jitter-fraction", defaultValue = "0.10")
  double jitterFraction;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.min-validity", defaultValue = "PT5M")
  Duration minimumValidity;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.initial-backoff", defaultValue = "PT30S")
  Duration initialBackoff;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.max-backoff", defaultValue = "PT15M")
  Duration maximumBackoff;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.expiry-margin", defaultValue = "PT2M")
  Duration expirySafetyMargin;

  @Produces
  @Singleton
  RefreshTiming refreshTiming() {
    return new RefreshTiming(
        minimumLead,
        leadFraction,
        jitterFraction,
        minimumValidity,
        initialBackoff,
        maximumBackoff,
        expirySafetyMargin);
  }

  @Produces
  @Singleton
  RefreshSchedulePolicy refreshSchedulePolicy(RefreshTiming timing) {
    return new RefreshSchedulePolicy(timing, () -> ThreadLocalRandom.current().nextDouble());
  }
}
