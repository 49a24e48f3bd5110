package io.tokenwarden.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Token-endpoint faults against the sandbox, without a server: a faulty 200 that carries a refresh
 * token is a real rotation (the emulator must not hand out tokens it never issued, nor leave the
 * presented one unspent); a body without a usable token touches nothing.
 */
class FaultRepliesTest {

  private static final String BASIC =
      "Basic "
          + Base64.getEncoder().encodeToString("client:secret".getBytes(StandardCharsets.UTF_8));

  private final Sandbox sandbox =
      new Sandbox(
          new SettableClock(),
          EmulatorSettings.freeAgentDefaults(),
          new RegisteredClient("client", "secret", List.of("http://cb")),
          SandboxDirectory.withDefaultUsers());
  private final TokenEndpoint endpoint = new TokenEndpoint(sandbox);
  private final FaultReplies faults = new FaultReplies();

  private Supplier<HttpReply> refreshWith(String refreshToken, AtomicInteger calls) {
    return () -> {
      calls.incrementAndGet();
      return endpoint.handle(BASIC, refreshForm(refreshToken));
    };
  }

  private static Map<String, List<String>> refreshForm(String refreshToken) {
    return Map.of("grant_type", List.of("refresh_token"), "refresh_token", List.of(refreshToken));
  }

  private long counter(Counter counter) {
    return sandbox.userCounters(1).orElseThrow().get(counter);
  }

  private static JsonObject json(HttpReply reply) {
    return Json.createReader(new StringReader(reply.body())).readObject();
  }

  /**
   * MISSING_FIELD, MISTYPED_FIELD and NEGATIVE_LIFETIME rotate for real: the presented token is
   * spent (STRICT: presenting it again is a reuse), the refresh token in the faulty body works.
   */
  @ParameterizedTest
  @EnumSource(
      value = FaultKind.class,
      names = {"MISSING_FIELD", "MISTYPED_FIELD", "NEGATIVE_LIFETIME"})
  void faultyBodiesCarryingARefreshTokenAreRealRotations(FaultKind kind) {
    String first = sandbox.mintGrant(1).orElseThrow().refreshToken();
    AtomicInteger calls = new AtomicInteger();

    HttpReply faulty = faults.forTokenEndpoint(kind, sandbox.settings(), refreshWith(first, calls));

    assertThat(faulty.status()).isEqualTo(200);
    JsonObject body = json(faulty);
    switch (kind) {
      case MISSING_FIELD -> assertThat(body).doesNotContainKey("access_token");
      case MISTYPED_FIELD -> {
        assertThat(body.get("expires_in").getValueType()).isEqualTo(JsonValue.ValueType.STRING);
        assertThat(body.getString("expires_in")).isEqualTo("3600");
      }
      default -> assertThat(body.getInt("expires_in")).isEqualTo(-3600);
    }
    assertThat(calls).hasValue(1);
    assertThat(counter(Counter.REFRESH_SUCCESSES)).isEqualTo(1);
    String issued = body.getString("refresh_token");
    assertThat(endpoint.handle(BASIC, refreshForm(issued)).status()).isEqualTo(200);
    assertThat(counter(Counter.SPENT_TOKEN_REUSES)).isZero();
    assertThat(counter(Counter.INVALID_GRANTS)).isZero();

    assertThat(endpoint.handle(BASIC, refreshForm(first)).status()).isEqualTo(400);
    assertThat(counter(Counter.SPENT_TOKEN_REUSES)).isEqualTo(1);
  }

  /** The access token in a faulty body with one is real too: the API accepts it. */
  @Test
  void mistypedBodyCarriesARealAccessToken() {
    String first = sandbox.mintGrant(1).orElseThrow().refreshToken();

    HttpReply faulty =
        faults.forTokenEndpoint(
            FaultKind.MISTYPED_FIELD, sandbox.settings(), refreshWith(first, new AtomicInteger()));

    assertThat(sandbox.callApi(json(faulty).getString("access_token")))
        .isNotInstanceOf(ApiAccess.Unauthorized.class);
  }

  /** Bodies without a usable token (cut-off JSON, an HTML page) touch nothing. */
  @ParameterizedTest
  @EnumSource(
      value = FaultKind.class,
      names = {"MALFORMED_JSON", "HTML_200", "HTTP_500", "HTTP_503"})
  void faultsWithoutAUsableBodyLeaveTheTokenUnspent(FaultKind kind) {
    String first = sandbox.mintGrant(1).orElseThrow().refreshToken();
    AtomicInteger calls = new AtomicInteger();

    faults.forTokenEndpoint(kind, sandbox.settings(), refreshWith(first, calls));

    assertThat(calls).hasValue(0);
    assertThat(counter(Counter.REFRESH_CALLS)).isZero();
    assertThat(endpoint.handle(BASIC, refreshForm(first)).status()).isEqualTo(200);
  }

  /** A rotating fault on a request the provider refuses returns the real refusal, not a 200. */
  @Test
  void aRefusedRequestIsNotTurnedIntoAFaultySuccess() {
    HttpReply reply =
        faults.forTokenEndpoint(
            FaultKind.NEGATIVE_LIFETIME,
            sandbox.settings(),
            refreshWith("bm90LWEtdG9rZW4=", new AtomicInteger()));

    assertThat(reply.status()).isEqualTo(400);
    assertThat(json(reply).getString("error")).isEqualTo("invalid_grant");
  }
}
