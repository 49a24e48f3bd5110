package io.tokenwarden.application.refresh;

import io.tokenwarden.domain.RefreshTiming;
import jakarta.enterprise.context.Dependent;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code tokenwarden.refresh.*} key in one place: the scheduler's, the refresh protocol's and
 * the schedule policy's numbers. Each default is written once, here, and documented in the README
 * table; inject it as {@code @Inject @ConfigProperties RefreshSettings}. The accessors add the
 * guards callers rely on (a count is at least one).
 *
 * <p>{@code @Dependent} gets the class discovered under {@code bean-discovery-mode="annotated"}, so
 * MicroProfile Config registers it (and vetoes the plain bean). The config runtime maps every
 * declared field to a key, so this class holds no other fields, not even static ones.
 */
@Dependent
@ConfigProperties(prefix = "tokenwarden.refresh")
public class RefreshSettings {

  @ConfigProperty(name = "enabled", defaultValue = "true")
  boolean enabled;

  @ConfigProperty(name = "tick", defaultValue = "PT5S")
  Duration tick;

  @ConfigProperty(name = "concurrency", defaultValue = "8")
  int concurrency;

  @ConfigProperty(name = "max-per-tick", defaultValue = "10000")
  int maxPerTick;

  @ConfigProperty(name = "lease", defaultValue = "PT2M")
  Duration lease;

  @ConfigProperty(name = "min-lead", defaultValue = "PT5M")
  Duration minLead;

  @ConfigProperty(name = "lead-fraction", defaultValue = "0.25")
  double leadFraction;

  @ConfigProperty(name = "jitter-fraction", defaultValue = "0.10")
  double jitterFraction;

  @ConfigProperty(name = "min-validity", defaultValue = "PT5M")
  Duration minValidity;

  @ConfigProperty(name = "initial-backoff", defaultValue = "PT30S")
  Duration initialBackoff;

  @ConfigProperty(name = "max-backoff", defaultValue = "PT15M")
  Duration maxBackoff;

  @ConfigProperty(name = "expiry-margin", defaultValue = "PT2M")
  Duration expiryMargin;

  @ConfigProperty(name = "per-user-limit", defaultValue = "15")
  int perUserLimit;

  @ConfigProperty(name = "refresh-token-warning", defaultValue = "P14D")
  Duration refreshTokenWarning;

  @ConfigProperty(name = "commit-attempts", defaultValue = "5")
  int commitAttempts;

  @ConfigProperty(name = "wait-for-other", defaultValue = "PT30S")
  Duration waitForOther;

  @ConfigProperty(name = "drain-timeout", defaultValue = "PT20S")
  Duration drainTimeout;

  @ConfigProperty(name = "throttle.distinct-users", defaultValue = "3")
  int throttleDistinctUsers;

  @ConfigProperty(name = "throttle.window", defaultValue = "PT60S")
  Duration throttleWindow;

  @ConfigProperty(name = "throttle.resume-initial", defaultValue = "1")
  int resumeInitial;

  @ConfigProperty(name = "throttle.resume-step", defaultValue = "1")
  int resumeStep;

  @ConfigProperty(name = "throttle.resume-interval", defaultValue = "PT10S")
  Duration resumeInterval;

  @ConfigProperty(name = "credentials-retry", defaultValue = "PT5M")
  Duration credentialsRetry;

  // Relative to the process's working directory, which on Liberty is the server's output folder
  // (as for the development key file, data/token-warden-dev.key).
  @ConfigProperty(name = "journal-dir", defaultValue = "data/refresh-journal")
  String journalDir;

  /** Whether this node refreshes on schedule (hand-outs refresh on demand either way). */
  public boolean enabled() {
    return enabled;
  }

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

  /** How long a stopping node waits for its refreshes in flight before it gives up on them. */
  public Duration drainTimeout() {
    return drainTimeout.isNegative() ? Duration.ZERO : drainTimeout;
  }

  /**
   * Where received token pairs are journaled before their commit (ciphertexts only), on local disk:
   * a pair whose commit keeps failing survives a restart there.
   */
  public Path journalDir() {
    return Path.of(journalDir);
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

  /** The numbers behind the schedule policy (the record checks their ranges). */
  public RefreshTiming timing() {
    return new RefreshTiming(
        minLead,
        leadFraction,
        jitterFraction,
        minValidity,
        initialBackoff,
        maxBackoff,
        expiryMargin);
  }
}
