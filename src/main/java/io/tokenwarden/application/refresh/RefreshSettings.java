package io.tokenwarden.application.refresh;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The scheduler's and the refresh protocol's numbers, from MicroProfile Config. Every key has a
 * documented default (README, "How tokens stay fresh") and an environment-variable override.
 */
@ApplicationScoped
public class RefreshSettings {

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.tick", defaultValue = "PT5S")
  Duration tick;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.concurrency", defaultValue = "8")
  int concurrency;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.max-per-tick", defaultValue = "10000")
  int maxPerTick;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.lease", defaultValue = "PT2M")
  Duration lease;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.per-user-limit", defaultValue = "15")
  int perUserLimit;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.refresh-token-warning", defaultValue = "P14D")
  Duration refreshTokenWarning;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.commit-attempts", defaultValue = "5")
  int commitAttempts;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.wait-for-other", defaultValue = "PT30S")
  Duration waitForOther;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.throttle.distinct-users", defaultValue = "3")
  int throttleDistinctUsers;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.throttle.window", defaultValue = "PT60S")
  Duration throttleWindow;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.throttle.resume-initial", defaultValue = "1")
  int resumeInitial;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.throttle.resume-step", defaultValue = "1")
  int resumeStep;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.throttle.resume-interval", defaultValue = "PT10S")
  Duration resumeInterval;

  @Inject
  @ConfigProperty(name = "tokenwarden.refresh.credentials-retry", defaultValue = "PT5M")
  Duration credentialsRetry;

  public Duration tick() {
    return tick;
  }

  public int concurrency() {
    return Math.max(1, concurrency);
  }

  public Duration lease() {
    return lease;
  }

  public int perUserLimit() {
    return Math.max(1, perUserLimit);
  }

  public Duration refreshTokenWarning() {
    return refreshTokenWarning;
  }

  public int commitAttempts() {
    return Math.max(1, commitAttempts);
  }

  public Duration waitForOther() {
    return waitForOther;
  }

  public Duration throttleWindow() {
    return throttleWindow;
  }

  /** The admission rules built from these settings. */
  public ProviderAdmission admission() {
    return new ProviderAdmission(
        Math.max(1, maxPerTick),
        resumeInitial,
        resumeStep,
        resumeInterval,
        credentialsRetry,
        throttleDistinctUsers,
        throttleWindow);
  }
}
