package io.tokenwarden.it.emulator;

import static io.tokenwarden.it.emulator.EmulatorClient.CLIENT_ID;
import static io.tokenwarden.it.emulator.EmulatorClient.CLIENT_SECRET;
import static io.tokenwarden.it.emulator.EmulatorClient.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.it.Deployments;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The emulator's OAuth side over HTTP: the approve_app page, both grants and their errors, the
 * three rotation modes, revocation and the secrets staying out of the log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class EmulatorOAuthIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  private static final EmulatorClient emulator = new EmulatorClient();

  @BeforeEach
  void resetEmulator() {
    emulator.reset();
  }

  private Map<String, String> validQuery() {
    return Map.of(
        "client_id",
        CLIENT_ID,
        "response_type",
        "code",
        "redirect_uri",
        emulator.callbackUri(),
        "state",
        "st<&>=ate");
  }

  private static JsonObject ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return parse(response.body());
  }

  private static String error(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    return parse(response.body()).getString("error");
  }

  /** The page lists every sandbox user with their company, first one chosen, with both buttons. */
  @Test
  void approvalPageListsSandboxUsers() {
    HttpResponse<String> page = emulator.approveAppPage(validQuery());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
    assertThat(page.body())
        .contains("ada@analytical-engines.example", "Analytical Engines Ltd")
        .contains("grace@compiler-works.example", "Compiler Works LLP")
        .contains("id=\"user-1\" value=\"1\" checked")
        .contains("id=\"approve\"", "id=\"deny\"");
  }

  /** Approve sends the browser back with a code and the state unchanged. */
  @Test
  void approveRedirectsWithCodeAndState() {
    Map<String, String> back = emulator.authorize(3, "st<&>=ate");

    assertThat(back.get("state")).isEqualTo("st<&>=ate");
    assertThat(back.get("code")).matches("[A-Za-z0-9+/]+=*");
  }

  /** Deny sends the browser back with error=access_denied and the state. */
  @Test
  void denyRedirectsWithAccessDenied() {
    HttpResponse<String> page = emulator.approveAppPage(validQuery());
    HttpResponse<String> back = emulator.decide(page.body(), "1", "deny");

    assertThat(back.statusCode()).isEqualTo(303);
    String location = back.headers().firstValue("Location").orElseThrow();
    assertThat(location).startsWith(emulator.callbackUri() + "?");
    assertThat(EmulatorClient.query(location))
        .containsEntry("error", "access_denied")
        .containsEntry("state", "st<&>=ate")
        .doesNotContainKey("code");
  }

  /** An unknown client or an unregistered redirect URI gets an error page, never a redirect. */
  @Test
  void unknownClientOrRedirectUriGetsAnErrorPage() {
    Map<String, String> unknownClient = new java.util.HashMap<>(validQuery());
    unknownClient.put("client_id", "somebody-else");
    Map<String, String> foreignRedirect = new java.util.HashMap<>(validQuery());
    foreignRedirect.put("redirect_uri", "https://evil.example/steal?x=<script>");

    for (Map<String, String> query : java.util.List.of(unknownClient, foreignRedirect)) {
      HttpResponse<String> page = emulator.approveAppPage(query);
      assertThat(page.statusCode()).isEqualTo(400);
      assertThat(page.headers().firstValue("Location")).isEmpty();
      assertThat(page.body()).doesNotContain("<script>");
    }
  }

  /** A response_type other than code comes back as unsupported_response_type. */
  @Test
  void wrongResponseTypeIsReportedToTheClient() {
    Map<String, String> query = new java.util.HashMap<>(validQuery());
    query.put("response_type", "token");

    HttpResponse<String> back = emulator.approveAppPage(query);

    assertThat(EmulatorClient.query(back.headers().firstValue("Location").orElseThrow()))
        .containsEntry("error", "unsupported_response_type");
  }

  /** A code is exchanged once for tokens with FreeAgent's lifetimes; the tokens work. */
  @Test
  void codeExchangeIssuesWorkingTokens() {
    String code = emulator.authorize(1, "s").get("code");

    JsonObject tokens = ok(emulator.exchange(code));

    assertThat(tokens.getString("token_type")).isEqualTo("bearer");
    assertThat(tokens.getJsonNumber("expires_in").longValue()).isEqualTo(3600);
    assertThat(tokens.getJsonNumber("refresh_token_expires_in").longValue()).isEqualTo(631151957);
    assertThat(emulator.api("/users/me", tokens.getString("access_token")).statusCode())
        .isEqualTo(200);
    assertThat(emulator.counters(1).getInt("codeExchanges")).isEqualTo(1);
  }

  /** A used code is invalid_grant, and the replay revokes the tokens it produced. */
  @Test
  void codeReplayIsRefusedAndRevokesTheGrant() {
    String code = emulator.authorize(1, "s").get("code");
    JsonObject tokens = ok(emulator.exchange(code));

    assertThat(error(emulator.exchange(code))).isEqualTo("invalid_grant");
    assertThat(emulator.api("/company", tokens.getString("access_token")).statusCode())
        .isEqualTo(401);
  }

  /** A code is bound to its redirect URI and dies after its lifetime. */
  @Test
  void codeBoundToRedirectUriAndExpires() {
    String code = emulator.authorize(1, "s").get("code");
    HttpResponse<String> wrongRedirect =
        emulator.token(
            Map.of(
                "grant_type",
                "authorization_code",
                "code",
                code,
                "redirect_uri",
                emulator.callbackUri() + "/other"),
            CLIENT_ID,
            CLIENT_SECRET);
    assertThat(error(wrongRedirect)).isEqualTo("invalid_grant");

    emulator.advanceClock(901);

    assertThat(parse(emulator.exchange(code).body()).getString("error_description"))
        .contains("expired");
    assertThat(error(emulator.exchange("no-such-code"))).isEqualTo("invalid_grant");
  }

  /** The code lifetime is configurable at run time. */
  @Test
  void codeLifetimeIsConfigurable() {
    emulator.configure("{\"codeLifetimeSeconds\":5}");
    String code = emulator.authorize(1, "s").get("code");
    emulator.advanceClock(6);

    assertThat(error(emulator.exchange(code))).isEqualTo("invalid_grant");
  }

  /** Wrong client credentials: 401 text/plain "HTTP Basic: Access denied.". */
  @Test
  void wrongClientCredentialsGet401() {
    HttpResponse<String> response =
        emulator.token(
            Map.of("grant_type", "refresh_token", "refresh_token", "x"), CLIENT_ID, "no");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("text/plain");
    assertThat(response.body()).isEqualTo("HTTP Basic: Access denied.");
    assertThat(
            emulator
                .token(Map.of("grant_type", "refresh_token", "refresh_token", "x"), null, null)
                .statusCode())
        .isEqualTo(401);
  }

  /** Client credentials in the form body are accepted too. */
  @Test
  void bodyCredentialsAreAccepted() {
    String refresh = emulator.mintGrant(1).getString("refresh_token");

    HttpResponse<String> response =
        emulator.token(
            Map.of(
                "grant_type", "refresh_token",
                "refresh_token", refresh,
                "client_id", CLIENT_ID,
                "client_secret", CLIENT_SECRET),
            null,
            null);

    ok(response);
  }

  /** Missing parameters are invalid_request; an unknown grant type unsupported_grant_type. */
  @Test
  void requestErrors() {
    assertThat(
            error(emulator.token(Map.of("grant_type", "refresh_token"), CLIENT_ID, CLIENT_SECRET)))
        .isEqualTo("invalid_request");
    assertThat(error(emulator.token(Map.of("code", "x"), CLIENT_ID, CLIENT_SECRET)))
        .isEqualTo("invalid_request");
    assertThat(error(emulator.token(Map.of("grant_type", "password"), CLIENT_ID, CLIENT_SECRET)))
        .isEqualTo("unsupported_grant_type");
  }

  /** STRICT (the default): every refresh rotates, the old token is dead at once. */
  @Test
  void strictRotation() {
    String first = emulator.mintGrant(1).getString("refresh_token");
    String second = ok(emulator.refresh(first)).getString("refresh_token");

    assertThat(second).isNotEqualTo(first);
    ok(emulator.refresh(second));
  }

  /** STRICT: presenting a spent token revokes the whole grant and counts a reuse. */
  @Test
  void strictReuseRevokesTheWholeGrant() {
    JsonObject minted = emulator.mintGrant(1);
    JsonObject rotated = ok(emulator.refresh(minted.getString("refresh_token")));

    assertThat(error(emulator.refresh(minted.getString("refresh_token"))))
        .isEqualTo("invalid_grant");

    assertThat(error(emulator.refresh(rotated.getString("refresh_token"))))
        .isEqualTo("invalid_grant");
    assertThat(emulator.api("/company", rotated.getString("access_token")).statusCode())
        .isEqualTo(401);
    JsonObject counters = emulator.counters(1);
    assertThat(counters.getInt("spentTokenReuses")).isEqualTo(1);
    assertThat(counters.getInt("reuseRevocations")).isEqualTo(1);
    assertThat(counters.getInt("liveGrants")).isZero();
  }

  /** NONE: the same refresh token comes back and keeps working. */
  @Test
  void noRotation() {
    emulator.configure("{\"rotationMode\":\"NONE\"}");
    String token = emulator.mintGrant(1).getString("refresh_token");

    assertThat(ok(emulator.refresh(token)).getString("refresh_token")).isEqualTo(token);
    assertThat(ok(emulator.refresh(token)).getString("refresh_token")).isEqualTo(token);
  }

  /** GRACE: the old token works for the grace period, then is refused (no revocation). */
  @Test
  void graceRotationByTime() {
    emulator.configure("{\"rotationMode\":\"GRACE\",\"graceSeconds\":30}");
    String old = emulator.mintGrant(1).getString("refresh_token");
    String fresh = ok(emulator.refresh(old)).getString("refresh_token");

    assertThat(ok(emulator.refresh(old)).getString("refresh_token")).isEqualTo(fresh);
    emulator.advanceClock(31);

    assertThat(error(emulator.refresh(old))).isEqualTo("invalid_grant");
    ok(emulator.refresh(fresh));
    assertThat(emulator.counters(1).getInt("spentTokenReuses")).isEqualTo(1);
  }

  /** GRACE: once the new token is used, the old one is dead even inside the period. */
  @Test
  void graceEndsWhenTheNewTokenIsUsed() {
    emulator.configure("{\"rotationMode\":\"GRACE\",\"graceSeconds\":3600}");
    String old = emulator.mintGrant(1).getString("refresh_token");
    String fresh = ok(emulator.refresh(old)).getString("refresh_token");
    ok(emulator.refresh(fresh));

    assertThat(error(emulator.refresh(old))).isEqualTo("invalid_grant");
  }

  /** Access and refresh lifetimes are configurable; an expired refresh token is invalid_grant. */
  @Test
  void lifetimesAreConfigurableAndEnforced() {
    emulator.configure("{\"accessTokenLifetimeSeconds\":2,\"refreshTokenLifetimeSeconds\":10}");
    JsonObject tokens = emulator.mintGrant(1);
    assertThat(tokens.getInt("expires_in")).isEqualTo(2);
    assertThat(tokens.getInt("refresh_token_expires_in")).isEqualTo(10);

    emulator.advanceClock(2);
    assertThat(emulator.api("/company", tokens.getString("access_token")).statusCode())
        .isEqualTo(401);
    JsonObject refreshed = ok(emulator.refresh(tokens.getString("refresh_token")));

    emulator.advanceClock(10);
    assertThat(error(emulator.refresh(refreshed.getString("refresh_token"))))
        .isEqualTo("invalid_grant");
  }

  /** The refresh token (and its lifetime) can be left out of refresh responses. */
  @Test
  void refreshTokenCanBeOmitted() {
    emulator.configure("{\"omitRefreshTokenOnRefresh\":true}");
    String token = emulator.mintGrant(1).getString("refresh_token");

    JsonObject refreshed = ok(emulator.refresh(token));

    assertThat(refreshed.keySet()).containsExactly("access_token", "token_type", "expires_in");
    ok(emulator.refresh(token));
    emulator.configure("{\"omitRefreshTokenOnRefresh\":false,\"omitRefreshTokenExpiresIn\":true}");
    assertThat(ok(emulator.refresh(token)).keySet())
        .containsExactly("access_token", "token_type", "expires_in", "refresh_token");
  }

  /** Revoking a user's grant kills their access and refresh tokens, not other users'. */
  @Test
  void revocationKillsTheUsersTokens() {
    JsonObject ada = emulator.mintGrant(1);
    JsonObject grace = emulator.mintGrant(3);

    JsonObject revoked = emulator.control("DELETE", "/users/1/grants", null);

    assertThat(revoked.getInt("revokedGrants")).isEqualTo(1);
    assertThat(error(emulator.refresh(ada.getString("refresh_token")))).isEqualTo("invalid_grant");
    assertThat(emulator.api("/users/me", ada.getString("access_token")).statusCode())
        .isEqualTo(401);
    assertThat(emulator.api("/users/me", grace.getString("access_token")).statusCode())
        .isEqualTo(200);
  }

  /** The control API can expire a user's access or refresh tokens now. */
  @Test
  void tokensCanBeExpiredNow() {
    JsonObject tokens = emulator.mintGrant(2);

    assertThat(emulator.control("POST", "/users/2/expire-access-tokens", null).getInt("expired"))
        .isEqualTo(1);
    assertThat(emulator.api("/company", tokens.getString("access_token")).statusCode())
        .isEqualTo(401);
    assertThat(emulator.control("POST", "/users/2/expire-refresh-tokens", null).getInt("expired"))
        .isEqualTo(1);
    assertThat(error(emulator.refresh(tokens.getString("refresh_token"))))
        .isEqualTo("invalid_grant");
  }

  /** No code, access token or refresh token handed out here ever reached the server log. */
  @AfterAll
  static void noTokenWasLogged() throws Exception {
    Path log = Path.of(System.getProperty("tokenwarden.it.logDir"), "messages.log");
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(emulator.tokensSeen).isNotEmpty();
    for (String token : emulator.tokensSeen) {
      assertThat(text).doesNotContain(token);
    }
    assertThat(text).doesNotContain(CLIENT_SECRET);
  }
}
