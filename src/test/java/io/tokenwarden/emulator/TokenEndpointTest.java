package io.tokenwarden.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Client authentication and request validation at the token endpoint, without a server. */
class TokenEndpointTest {

  private final Sandbox sandbox =
      new Sandbox(
          new SettableClock(),
          EmulatorSettings.freeAgentDefaults(),
          new RegisteredClient("client id", "s+cret", List.of("http://cb")),
          SandboxDirectory.withDefaultUsers());
  private final TokenEndpoint endpoint = new TokenEndpoint(sandbox);

  private static String basic(String raw) {
    return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, List<String>> form(String... pairs) {
    Map<String, List<String>> form = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      form.put(pairs[i], List.of(pairs[i + 1]));
    }
    return form;
  }

  private static JsonObject json(HttpReply reply) {
    return Json.createReader(new StringReader(reply.body())).readObject();
  }

  /** Form-encoded Basic credentials are accepted and the response has exactly FreeAgent's keys. */
  @Test
  void refreshWithEncodedBasicCredentials() {
    String refresh = sandbox.mintGrant(1).orElseThrow().refreshToken();

    HttpReply reply =
        endpoint.handle(
            basic("client+id:s%2Bcret"),
            form("grant_type", "refresh_token", "refresh_token", refresh));

    assertThat(reply.status()).isEqualTo(200);
    assertThat(json(reply).keySet())
        .containsExactly(
            "access_token",
            "token_type",
            "expires_in",
            "refresh_token",
            "refresh_token_expires_in");
    assertThat(json(reply).getString("token_type")).isEqualTo("bearer");
    assertThat(reply.headers()).containsEntry("Cache-Control", "no-store");
  }

  /** Wrong or missing client credentials: 401 with FreeAgent's text. */
  @Test
  void wrongCredentialsGet401() {
    HttpReply reply =
        endpoint.handle(basic("client+id:wrong"), form("grant_type", "refresh_token"));

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.body()).isEqualTo("HTTP Basic: Access denied.");
    assertThat(reply.contentType()).startsWith("text/plain");
    assertThat(endpoint.handle(null, form("grant_type", "refresh_token")).status()).isEqualTo(401);
  }

  /** Credentials in the body are accepted; in the body and the header at once, refused. */
  @Test
  void bodyCredentialsAcceptedButNotTogetherWithBasic() {
    assertThat(
            endpoint
                .handle(
                    null,
                    form(
                        "grant_type", "refresh_token",
                        "refresh_token", "unknown",
                        "client_id", "client id",
                        "client_secret", "s+cret"))
                .status())
        .isEqualTo(400);
    HttpReply both =
        endpoint.handle(
            basic("client+id:s%2Bcret"),
            form("grant_type", "refresh_token", "client_secret", "s+cret"));
    assertThat(json(both).getString("error")).isEqualTo("invalid_request");
  }

  /** Missing and unknown grant types. */
  @Test
  void grantTypeErrors() {
    String auth = basic("client+id:s%2Bcret");
    assertThat(json(endpoint.handle(auth, form())).getString("error")).isEqualTo("invalid_request");
    assertThat(json(endpoint.handle(auth, form("grant_type", "password"))).getString("error"))
        .isEqualTo("unsupported_grant_type");
    assertThat(
            json(endpoint.handle(auth, form("grant_type", "authorization_code", "code", "x")))
                .getString("error"))
        .isEqualTo("invalid_request");
    assertThat(
            json(endpoint.handle(auth, form("grant_type", "refresh_token", "refresh_token", "x")))
                .getString("error"))
        .isEqualTo("invalid_grant");
  }

  /** A parameter sent twice is an invalid request (RFC 6749 §3.2). */
  @Test
  void repeatedParameterIsInvalid() {
    Map<String, List<String>> form = new LinkedHashMap<>();
    form.put("grant_type", List.of("refresh_token", "refresh_token"));

    assertThat(json(endpoint.handle(basic("client+id:s%2Bcret"), form)).getString("error"))
        .isEqualTo("invalid_request");
  }
}
