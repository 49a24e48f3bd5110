package io.tokenwarden.it.emulator;

import static io.tokenwarden.it.emulator.EmulatorClient.CLIENT_ID;
import static io.tokenwarden.it.emulator.EmulatorClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.it.Deployments;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue.ValueType;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replays, step by step, the requests and responses FREEAGENT.md documents, against the emulator
 * with its default (FreeAgent's) settings: if FreeAgent's documented behaviour and the emulator
 * ever part, this test says where.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class FreeAgentConformanceIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  private final EmulatorClient emulator = new EmulatorClient();

  @BeforeEach
  void resetEmulator() {
    emulator.reset();
  }

  /** The whole documented conversation, from approve_app to the two API calls. */
  @Test
  void documentedFlow() {
    // GET /v2/approve_app?client_id=…&response_type=code&redirect_uri=…&state=…
    // → redirect_uri?code=…&state=…
    Map<String, String> back = emulator.authorize(1, "xyz");
    assertThat(back).containsOnlyKeys("code", "state").containsEntry("state", "xyz");

    // POST /v2/token_endpoint, HTTP Basic, grant_type=authorization_code&code=…&redirect_uri=…
    HttpResponse<String> exchanged = emulator.exchange(back.get("code"));
    assertThat(exchanged.statusCode()).isEqualTo(200);
    assertThat(exchanged.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    JsonObject tokens = parse(exchanged.body());
    assertTokenResponse(tokens);

    // refresh: grant_type=refresh_token&refresh_token=… → also a refresh token and its lifetime
    JsonObject refreshed = parse(emulator.refresh(tokens.getString("refresh_token")).body());
    assertTokenResponse(refreshed);
    assertThat(refreshed.getString("refresh_token"))
        .as("refresh tokens rotate")
        .isNotEqualTo(tokens.getString("refresh_token"));

    // GET /v2/company → {"company":{"url","id","name","subdomain","type","currency",…}}
    HttpResponse<String> companyResponse =
        emulator.api("/company", refreshed.getString("access_token"));
    assertThat(companyResponse.statusCode()).isEqualTo(200);
    JsonObject company = parse(companyResponse.body()).getJsonObject("company");
    assertThat(company.keySet()).contains("url", "id", "name", "subdomain", "type", "currency");
    assertThat(company.get("id").getValueType()).isEqualTo(ValueType.NUMBER);
    assertThat(company.getString("url")).endsWith("/emulator/v2/company");
    assertThat(company.getString("subdomain")).isEqualTo("analytical-engines");

    // GET /v2/users/me →
    // {"user":{"url","first_name","last_name","email","role","permission_level",…}}
    JsonObject user =
        parse(emulator.api("/users/me", refreshed.getString("access_token")).body())
            .getJsonObject("user");
    assertThat(user.keySet())
        .contains("url", "first_name", "last_name", "email", "role", "permission_level");
    assertThat(user.getString("email")).isEqualTo("ada@analytical-engines.example");
    assertThat(user.getInt("permission_level")).isBetween(0, 8);
  }

  private static void assertTokenResponse(JsonObject tokens) {
    assertThat(tokens.keySet())
        .containsExactly(
            "access_token",
            "token_type",
            "expires_in",
            "refresh_token",
            "refresh_token_expires_in");
    assertThat(tokens.getString("token_type")).isEqualTo("bearer");
    assertThat(tokens.getInt("expires_in")).isEqualTo(3600);
    assertThat(tokens.getJsonNumber("refresh_token_expires_in").longValue()).isEqualTo(631151957);
    // Opaque, Base64 with padding, and with the characters a client must encode.
    assertThat(tokens.getString("access_token")).matches("[A-Za-z0-9+/]+=+").contains("+", "/");
    assertThat(tokens.getString("refresh_token")).matches("[A-Za-z0-9+/]+=+").contains("+", "/");
  }

  /** A user who declines comes back with error=access_denied. */
  @Test
  void declined() {
    HttpResponse<String> page =
        emulator.approveAppPage(
            Map.of(
                "client_id",
                CLIENT_ID,
                "response_type",
                "code",
                "redirect_uri",
                emulator.callbackUri(),
                "state",
                "xyz"));
    String location =
        emulator.decide(page.body(), "1", "deny").headers().firstValue("Location").orElseThrow();

    assertThat(EmulatorClient.query(location)).containsEntry("error", "access_denied");
  }

  /** Wrong client id/secret → 401, text body "HTTP Basic: Access denied.". */
  @Test
  void wrongClientCredentials() {
    HttpResponse<String> response =
        emulator.token(
            Map.of("grant_type", "refresh_token", "refresh_token", "x"), CLIENT_ID, "wrong");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("HTTP Basic: Access denied.");
  }

  /** Refresh limit → 429, Retry-After, "You must not exceed 15 requests per 60 seconds". */
  @Test
  void refreshRateLimit() {
    emulator.freezeClock("2030-01-01T10:00:00Z");
    String token = emulator.mintGrant(1).getString("refresh_token");
    for (int i = 0; i < 15; i++) {
      token = parse(emulator.refresh(token).body()).getString("refresh_token");
    }

    HttpResponse<String> limited = emulator.refresh(token);

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("60");
    assertThat(limited.body()).isEqualTo("You must not exceed 15 requests per 60 seconds");
  }

  /** Expired/reused code and revoked refresh token → 400 invalid_grant (RFC 6749 shape). */
  @Test
  void invalidGrantShape() {
    JsonObject error = parse(emulator.refresh("bm8tc3VjaC10b2tlbg==").body());

    assertThat(error.getString("error")).isEqualTo("invalid_grant");
    assertThat(error.keySet()).containsExactly("error", "error_description");
  }

  /** An expired access token → 401, and the refresh token still works after it expired. */
  @Test
  void refreshAfterAccessTokenExpiry() {
    JsonObject tokens = emulator.mintGrant(1);
    emulator.advanceClock(3600);

    assertThat(emulator.api("/company", tokens.getString("access_token")).statusCode())
        .isEqualTo(401);
    assertThat(emulator.refresh(tokens.getString("refresh_token")).statusCode()).isEqualTo(200);
  }
}
