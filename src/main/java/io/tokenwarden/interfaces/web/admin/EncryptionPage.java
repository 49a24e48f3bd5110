package io.tokenwarden.interfaces.web.admin;

import io.tokenwarden.application.keys.KeyUsage;
import io.tokenwarden.application.keys.TokenReEncryption;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;

/**
 * The encryption page (/admin/encryption.xhtml): which key new tokens are sealed under, how many
 * connections still hold a token under an older key, and when an old key may be removed. An ADMIN
 * may re-encrypt now instead of waiting for the maintenance job. Key ids only, never key material.
 */
@Named
@RequestScoped
public class EncryptionPage {

  /** A console request should answer within seconds; the maintenance job does the long runs. */
  static final Duration NOW_BUDGET = Duration.ofSeconds(10);

  @Inject TokenReEncryption reEncryption;

  private KeyUsage usage;

  @PostConstruct
  void init() {
    usage = reEncryption.usage();
  }

  public KeyUsage getUsage() {
    return usage;
  }

  /** Share of the connections with tokens that are already under the primary key, 0 to 100. */
  public int getPercentDone() {
    return usage.withTokens() == 0
        ? 100
        : (int) ((usage.withTokens() - usage.underOlderKeys()) * 100 / usage.withTokens());
  }

  /** The configured key ids other than the primary, comma-separated; empty when there are none. */
  public String getOlderKeyIds() {
    return String.join(", ", usage.keyIds().subList(1, usage.keyIds().size()));
  }

  @AdminOnly
  public void reEncryptNow() {
    int resealed = reEncryption.run(NOW_BUDGET);
    usage = reEncryption.usage();
    Feedback.done(
        "Re-encrypted the tokens of "
            + resealed
            + (resealed == 1 ? " connection" : " connections")
            + (usage.complete()
                ? "; every stored token is now under key " + usage.primaryKeyId() + "."
                : "; "
                    + usage.underOlderKeys()
                    + " still to do (the maintenance job continues, or press again)."));
  }
}
