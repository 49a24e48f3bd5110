package io.tokenwarden.infrastructure.freeagent;

import io.tokenwarden.infrastructure.runtime.PublicUrl;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where FreeAgent is and who Token Warden is to it, resolved once from MicroProfile Config. With no
 * client id configured the mode is {@code emulator} and the built-in emulator's sandbox client is
 * used, so a fresh checkout runs with no FreeAgent account.
 */
@ApplicationScoped
public class FreeAgentSettings {

  private static final Logger LOG = Logger.getLogger(FreeAgentSettings.class.getName());
  static final String VERSION = "0.1.0";

  @Inject
  @ConfigProperty(name = "tokenwarden.freeagent.mode")
  Optional<String> configuredMode;

  @Inject
  @ConfigProperty(name = "tokenwarden.freeagent.client-id")
  Optional<String> configuredClientId;

  @Inject
  @ConfigProperty(name = "tokenwarden.freeagent.client-secret")
  Optional<String> configuredClientSecret;

  @Inject
  @ConfigProperty(name = "tokenwarden.emulator.client-id", defaultValue = "token-warden-local")
  String emulatorClientId;

  @Inject
  @ConfigProperty(
      name = "tokenwarden.emulator.client-secret",
      defaultValue = "token-warden-local-secret")
  String emulatorClientSecret;

  @Inject
  @ConfigProperty(name = "tokenwarden.freeagent.authorize-url")
  Optional<String> authorizeUrlOverride;

  @Inject
  @ConfigProperty(name = "tokenwarden.freeagent.api-url")
  Optional<String> apiUrlOverride;

  @Inject PublicUrl publicUrl;

  private FreeAgentMode mode;
  private URI authorizeUrl;
  private URI apiBase;
  private String clientId;
  private String clientSecret;

  @PostConstruct
  void resolve() {
    mode =
        configuredMode
            .filter(m -> !m.isBlank())
            .map(FreeAgentMode::parse)
            .orElse(
                configuredClientId.isPresent() ? FreeAgentMode.PRODUCTION : FreeAgentMode.EMULATOR);
    String presetApi =
        switch (mode) {
          case EMULATOR -> publicUrl.resolve("/emulator/v2/");
          case SANDBOX -> "https://api.sandbox.freeagent.com/v2/";
          case PRODUCTION -> "https://api.freeagent.com/v2/";
          case CUSTOM -> null;
        };
    String api = apiUrlOverride.map(FreeAgentSettings::withSlash).orElse(presetApi);
    if (api == null) {
      throw new IllegalStateException(
          "tokenwarden.freeagent.mode=custom needs tokenwarden.freeagent.api-url");
    }
    apiBase = URI.create(api);
    authorizeUrl = URI.create(authorizeUrlOverride.orElse(api + "approve_app"));
    if (mode == FreeAgentMode.EMULATOR) {
      clientId = configuredClientId.orElse(emulatorClientId);
      clientSecret = configuredClientSecret.orElse(emulatorClientSecret);
    } else {
      clientId =
          configuredClientId.orElseThrow(
              () ->
                  new IllegalStateException(
                      "tokenwarden.freeagent.client-id is required in " + mode + " mode"));
      clientSecret =
          configuredClientSecret.orElseThrow(
              () ->
                  new IllegalStateException(
                      "tokenwarden.freeagent.client-secret is required in " + mode + " mode"));
    }
    LOG.info(() -> "FreeAgent mode " + mode + ", API " + apiBase + ", client id " + clientId);
  }

  public FreeAgentMode mode() {
    return mode;
  }

  /** The browser-facing approve_app URL. */
  public URI authorizeUrl() {
    return authorizeUrl;
  }

  /** The API base ending in {@code /v2/}; the token endpoint is {@code token_endpoint} below it. */
  public URI apiBase() {
    return apiBase;
  }

  public String clientId() {
    return clientId;
  }

  /** RFC 6749 §2.3.1: id and secret are form-url-encoded before Base64. */
  public String basicAuthorization() {
    String pair = formEncode(clientId) + ":" + formEncode(clientSecret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  public String userAgent() {
    return "TokenWarden/" + VERSION + " (FreeAgent connection manager)";
  }

  /**
   * Where the tenant's browser goes to approve Token Warden: FreeAgent's {@code approve_app} with
   * our client id, the registered redirect URI and the attempt's {@code state}.
   */
  public URI approveUrl(String state) {
    String base = authorizeUrl().toString();
    return URI.create(
        base
            + (base.contains("?") ? "&" : "?")
            + "client_id="
            + formEncode(clientId())
            + "&response_type=code&redirect_uri="
            + formEncode(publicUrl.callbackUri())
            + "&state="
            + formEncode(state));
  }

  private static String formEncode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String withSlash(String url) {
    return url.endsWith("/") ? url : url + "/";
  }
}
