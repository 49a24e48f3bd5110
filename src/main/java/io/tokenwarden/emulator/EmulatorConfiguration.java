package io.tokenwarden.emulator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The emulator's MicroProfile Config keys, read in one place with their documented defaults (see
 * README.md, "The FreeAgent emulator"). Values are read when asked, so a test server's system
 * properties apply; the control API changes behaviour at run time without touching these.
 */
@ApplicationScoped
public class EmulatorConfiguration {

  static final String PREFIX = "tokenwarden.emulator.";
  static final String DEFAULT_CLIENT_ID = "token-warden-local";
  static final String DEFAULT_CLIENT_SECRET = "token-warden-local-secret";

  @Inject Config config;

  /** Whether /emulator answers at all (see {@link EmulatorActivation}). */
  public boolean enabled() {
    return EmulatorActivation.isEnabled(
        config.getOptionalValue("tokenwarden.freeagent.mode", String.class),
        config.getOptionalValue("tokenwarden.freeagent.client-id", String.class),
        config.getOptionalValue(PREFIX + "enabled", Boolean.class));
  }

  /** The control API's shared secret; empty means the control API is closed. */
  public Optional<String> controlSecret() {
    return string("control-secret");
  }

  public RegisteredClient registeredClient() {
    String publicUrl =
        config
            .getOptionalValue("tokenwarden.public-url", String.class)
            .orElse("http://localhost:9080");
    String uris = string("redirect-uris").orElse(stripSlash(publicUrl) + "/connect/callback");
    List<String> redirectUris =
        Arrays.stream(uris.split(",")).map(String::trim).filter(u -> !u.isEmpty()).toList();
    return new RegisteredClient(
        string("client-id").orElse(DEFAULT_CLIENT_ID),
        string("client-secret").orElse(DEFAULT_CLIENT_SECRET),
        redirectUris);
  }

  /** The behaviour the emulator starts with and returns to on reset. */
  public EmulatorSettings initialSettings() {
    EmulatorSettings d = EmulatorSettings.freeAgentDefaults();
    return new EmulatorSettings(
        number("code-lifetime-seconds", d.codeLifetimeSeconds()),
        number("access-token-lifetime-seconds", d.accessTokenLifetimeSeconds()),
        number("refresh-token-lifetime-seconds", d.refreshTokenLifetimeSeconds()),
        string("rotation-mode").map(RotationMode::valueOf).orElse(d.rotationMode()),
        number("grace-seconds", d.graceSeconds()),
        (int) number("refresh-limit-per-minute", d.refreshLimitPerMinute()),
        (int) number("api-limit-per-minute", d.apiLimitPerMinute()),
        (int) number("api-limit-per-hour", d.apiLimitPerHour()),
        flag("global-refresh-limit", d.globalRefreshLimit()),
        flag("omit-refresh-token-expires-in", d.omitRefreshTokenExpiresIn()),
        flag("omit-refresh-token-on-refresh", d.omitRefreshTokenOnRefresh()),
        number("max-hang-seconds", d.maxHangMillis() / 1000) * 1000,
        List.of());
  }

  /** How often expired and spent entries are swept out of memory. */
  public long sweepIntervalSeconds() {
    return Math.max(1, number("sweep-interval-seconds", 60));
  }

  private Optional<String> string(String key) {
    return config.getOptionalValue(PREFIX + key, String.class).filter(v -> !v.isBlank());
  }

  private long number(String key, long fallback) {
    return config.getOptionalValue(PREFIX + key, Long.class).orElse(fallback);
  }

  private boolean flag(String key, boolean fallback) {
    return config.getOptionalValue(PREFIX + key, Boolean.class).orElse(fallback);
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
