package io.tokenwarden.infrastructure.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Unset and empty crypto keys mean the same: the defaults the README gives. */
class CryptoSettingsTest {

  /** Nothing configured: no keys, the first key primary, the default development key file. */
  @Test
  void unsetMeansDefaults() {
    CryptoSettings settings = settings(Optional.empty(), Optional.empty(), Optional.empty());

    assertThat(settings.keys()).isEmpty();
    assertThat(settings.primaryKey()).isEmpty();
    assertThat(settings.devKeyFile()).isEqualTo("data/token-warden-dev.key");
  }

  /** An empty value (an environment variable set to nothing) counts as unset. */
  @Test
  void blankMeansUnset() {
    CryptoSettings settings = settings(Optional.of(" "), Optional.of(""), Optional.of(""));

    assertThat(settings.keys()).isEmpty();
    assertThat(settings.primaryKey()).isEmpty();
    assertThat(settings.devKeyFile()).isEqualTo("data/token-warden-dev.key");
  }

  /** Configured values are passed on as they are. */
  @Test
  void configuredValuesAreKept() {
    CryptoSettings settings =
        settings(Optional.of("k1:abc"), Optional.of("k1"), Optional.of("/var/tw/dev.key"));

    assertThat(settings.keys()).contains("k1:abc");
    assertThat(settings.primaryKey()).contains("k1");
    assertThat(settings.devKeyFile()).isEqualTo("/var/tw/dev.key");
  }

  private static CryptoSettings settings(
      Optional<String> keys, Optional<String> primary, Optional<String> devKeyFile) {
    CryptoSettings settings = new CryptoSettings();
    settings.keys = keys;
    settings.primaryKey = primary;
    settings.devKeyFile = devKeyFile;
    return settings;
  }
}
