package io.tokenwarden.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmulatorConfigurationTest {

  private static EmulatorConfiguration with(Map<String, String> values) {
    EmulatorConfiguration configuration = new EmulatorConfiguration();
    configuration.config = FakeConfig.config(values);
    return configuration;
  }

  /** Unconfigured, the emulator registers the local sandbox client and the public callback. */
  @Test
  void defaultsMatchTheDocumentedSandboxClient() {
    RegisteredClient client =
        with(Map.of("tokenwarden.public-url", "http://localhost:9280/")).registeredClient();

    assertThat(client.id()).isEqualTo("token-warden-local");
    assertThat(client.secret()).isEqualTo("token-warden-local-secret");
    assertThat(client.redirectUris()).containsExactly("http://localhost:9280/connect/callback");
    assertThat(with(Map.of()).controlSecret()).isEmpty();
  }

  /** Redirect URIs are a comma-separated list. */
  @Test
  void redirectUrisAreCommaSeparated() {
    RegisteredClient client =
        with(Map.of("tokenwarden.emulator.redirect-uris", "https://a/cb, https://b/cb"))
            .registeredClient();

    assertThat(client.redirectUris()).containsExactly("https://a/cb", "https://b/cb");
  }

  /** FreeAgent's numbers are the defaults; each can be configured. */
  @Test
  void lifetimesAndLimitsComeFromConfiguration() {
    EmulatorSettings defaults = with(Map.of()).initialSettings();
    assertThat(defaults.codeLifetimeSeconds()).isEqualTo(900);
    assertThat(defaults.accessTokenLifetimeSeconds()).isEqualTo(3600);
    assertThat(defaults.refreshTokenLifetimeSeconds()).isEqualTo(631151957);
    assertThat(defaults.rotationMode()).isEqualTo(RotationMode.STRICT);
    assertThat(defaults.refreshLimitPerMinute()).isEqualTo(15);

    EmulatorSettings configured =
        with(Map.of(
                "tokenwarden.emulator.access-token-lifetime-seconds", "120",
                "tokenwarden.emulator.rotation-mode", "GRACE",
                "tokenwarden.emulator.global-refresh-limit", "true"))
            .initialSettings();
    assertThat(configured.accessTokenLifetimeSeconds()).isEqualTo(120);
    assertThat(configured.rotationMode()).isEqualTo(RotationMode.GRACE);
    assertThat(configured.globalRefreshLimit()).isTrue();
  }

  /**
   * The switch the 404 filter reads: a real client id turns the emulator off, the enabled flag
   * turns it on again for an emulator-only server.
   */
  @Test
  void enabledFollowsModeClientIdAndFlag() {
    assertThat(with(Map.of()).enabled()).isTrue();
    assertThat(with(Map.of("tokenwarden.freeagent.client-id", "real")).enabled()).isFalse();
    assertThat(with(Map.of("tokenwarden.freeagent.mode", "sandbox")).enabled()).isFalse();
    assertThat(with(Map.of("tokenwarden.emulator.enabled", "false")).enabled()).isFalse();
    assertThat(
            with(Map.of(
                    "tokenwarden.freeagent.client-id", "real",
                    "tokenwarden.emulator.enabled", "true"))
                .enabled())
        .isTrue();
  }
}
