package io.tokenwarden.infrastructure.crypto;

import jakarta.enterprise.context.Dependent;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code tokenwarden.crypto.*} keys, in the same shape as the other settings beans (inject as
 * {@code @Inject @ConfigProperties CryptoSettings}). Each is optional: without keys, emulator mode
 * generates a development key, and an empty dev-key-file means the default file. {@code @Dependent}
 * so the bean is discovered; the config runtime maps every field to a key, so it holds no others.
 */
@Dependent
@ConfigProperties(prefix = "tokenwarden.crypto")
public class CryptoSettings {

  @ConfigProperty(name = "keys")
  Optional<String> keys;

  @ConfigProperty(name = "primary-key")
  Optional<String> primaryKey;

  @ConfigProperty(name = "dev-key-file")
  Optional<String> devKeyFile;

  @ConfigProperty(name = "reencrypt.batch", defaultValue = "200")
  int reencryptBatch;

  @ConfigProperty(name = "reencrypt.budget", defaultValue = "PT60S")
  Duration reencryptBudget;

  /** {@code id:base64key[,id2:base64key]}, or empty when none is configured. */
  public Optional<String> keys() {
    return keys.filter(value -> !value.isBlank());
  }

  /** The id new values are written with, or empty for the first key listed. */
  public Optional<String> primaryKey() {
    return primaryKey.filter(value -> !value.isBlank());
  }

  /** Connections re-encrypted under the primary key in one transaction (row locks held). */
  public int reencryptBatch() {
    return Math.max(1, reencryptBatch);
  }

  /** How long one re-encryption pass may run before it leaves the rest to the next one. */
  public Duration reencryptBudget() {
    return reencryptBudget;
  }

  /** Where emulator mode keeps its generated development key. */
  public String devKeyFile() {
    return devKeyFile.filter(value -> !value.isBlank()).orElse("data/token-warden-dev.key");
  }
}
