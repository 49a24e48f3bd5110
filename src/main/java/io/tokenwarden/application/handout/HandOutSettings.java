package io.tokenwarden.application.handout;

import io.tokenwarden.domain.HandOutValidity;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code tokenwarden.handout.*} key in one place, each default written once here and
 * documented in the README table; inject as {@code @Inject @ConfigProperties HandOutSettings}.
 */
@Dependent
@ConfigProperties(prefix = "tokenwarden.handout")
public class HandOutSettings {

  @ConfigProperty(name = "cache-ttl", defaultValue = "PT15S")
  Duration cacheTtl;

  @ConfigProperty(name = "change-watch", defaultValue = "PT1S")
  Duration changeWatch;

  @ConfigProperty(name = "max-min-validity", defaultValue = "PT30M")
  Duration maxMinValidity;

  @ConfigProperty(name = "min-validity-fraction", defaultValue = "0.5")
  double minValidityFraction;

  /** How long a node serves a decrypted token from memory and trusts a slug's tenant id. */
  public Duration cacheTtl() {
    return cacheTtl;
  }

  /**
   * How often this node reads the connections changed and the tenants deleted since its last look,
   * which keeps cached tokens and slugs trusted past the TTL (ADR 0028); zero turns the watch off.
   */
  public Duration changeWatch() {
    return changeWatch;
  }

  /**
   * The rules for the validity a hand-out demands: {@code defaultValidity} when the caller names
   * none, at most {@code max-min-validity}, and never more than {@code min-validity-fraction} of
   * the token's lifetime.
   */
  public HandOutValidity validity(Duration defaultValidity) {
    return new HandOutValidity(defaultValidity, maxMinValidity, minValidityFraction);
  }
}
