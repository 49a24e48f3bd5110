package io.tokenwarden.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulated provider's rules with a frozen clock: codes, limits, revocation, sweeping. */
class SandboxTest {

  private static final String CALLBACK = "http://localhost/connect/callback";
  private final SettableClock clock = new SettableClock();
  private Sandbox sandbox;

  @BeforeEach
  void freshSandbox() {
    clock.freezeAt(Instant.parse("2030-01-01T10:00:30Z"));
    sandbox =
        new Sandbox(
            clock,
            EmulatorSettings.freeAgentDefaults(),
            new RegisteredClient("client", "secret", List.of(CALLBACK)),
            SandboxDirectory.withDefaultUsers());
  }

  private void settings(java.util.function.UnaryOperator<jakarta.json.JsonObjectBuilder> change) {
    sandbox.configure(
        SettingsJson.merge(
            sandbox.settings(), change.apply(jakarta.json.Json.createObjectBuilder()).build()));
  }

  private String code(long userId) {
    String approval = sandbox.openApproval(CALLBACK, "s");
    return sandbox.issueCode(
        sandbox.takeApproval(approval).orElseThrow(),
        sandbox.directory().user(userId).orElseThrow());
  }

  private TokenIssue issued(TokenOutcome outcome) {
    assertThat(outcome).isInstanceOf(TokenOutcome.Issued.class);
    return ((TokenOutcome.Issued) outcome).tokens();
  }

  /** A code works once, for its client and redirect URI; a replay revokes what it produced. */
  @Test
  void codeIsSingleUseAndReplayRevokesTheGrant() {
    String code = code(1);
    assertThat(sandbox.exchangeCode("client", code, "http://elsewhere/cb"))
        .isInstanceOf(TokenOutcome.InvalidGrant.class);
    TokenIssue tokens = issued(sandbox.exchangeCode("client", code, CALLBACK));

    assertThat(sandbox.exchangeCode("client", code, CALLBACK))
        .isInstanceOf(TokenOutcome.InvalidGrant.class);
    assertThat(sandbox.callApi(tokens.accessToken())).isInstanceOf(ApiAccess.Unauthorized.class);
    assertThat(sandbox.totalCounters().get(Counter.CODE_EXCHANGES)).isEqualTo(1);
    assertThat(sandbox.totalCounters().get(Counter.INVALID_GRANTS)).isEqualTo(2);
  }

  /** Codes live 15 minutes by default. */
  @Test
  void codeExpires() {
    String code = code(1);
    clock.advance(Duration.ofSeconds(900));

    assertThat(sandbox.exchangeCode("client", code, CALLBACK))
        .isEqualTo(new TokenOutcome.InvalidGrant("The authorization code has expired."));
  }

  /** The 16th refresh of one user in a minute gets 429 with the seconds left in the minute. */
  @Test
  void refreshLimitPerUser() {
    TokenIssue tokens = sandbox.mintGrant(1).orElseThrow();
    settings(b -> b.add("rotationMode", "NONE"));
    for (int i = 0; i < 15; i++) {
      issued(sandbox.refresh(tokens.refreshToken()));
    }

    TokenOutcome limited = sandbox.refresh(tokens.refreshToken());

    assertThat(limited).isInstanceOf(TokenOutcome.RateLimited.class);
    assertThat(((TokenOutcome.RateLimited) limited).decision().retryAfterSeconds()).isEqualTo(30);
    TokenIssue other = sandbox.mintGrant(2).orElseThrow();
    issued(sandbox.refresh(other.refreshToken()));
    clock.advance(Duration.ofSeconds(30));
    issued(sandbox.refresh(tokens.refreshToken()));
    assertThat(sandbox.userCounters(1).orElseThrow().get(Counter.REFRESH_RATE_LIMITED))
        .isEqualTo(1);
  }

  /** The 2020 bug: 15 refreshes per minute across all users together. */
  @Test
  void globalRefreshLimitCountsAllUsersTogether() {
    settings(b -> b.add("rotationMode", "NONE").add("globalRefreshLimit", true));
    TokenIssue first = sandbox.mintGrant(1).orElseThrow();
    TokenIssue second = sandbox.mintGrant(2).orElseThrow();
    for (int i = 0; i < 15; i++) {
      issued(sandbox.refresh((i % 2 == 0 ? first : second).refreshToken()));
    }

    assertThat(sandbox.refresh(sandbox.mintGrant(3).orElseThrow().refreshToken()))
        .isInstanceOf(TokenOutcome.RateLimited.class);
  }

  /** API calls: 120 a minute and 3,600 an hour, windows on the wall clock. */
  @Test
  void apiLimitsPerMinuteAndHour() {
    settings(b -> b.add("apiLimitPerMinute", 2).add("apiLimitPerHour", 3));
    String access = sandbox.mintGrant(1).orElseThrow().accessToken();
    assertThat(sandbox.callApi(access)).isInstanceOf(ApiAccess.Granted.class);
    assertThat(sandbox.callApi(access)).isInstanceOf(ApiAccess.Granted.class);

    ApiAccess minute = sandbox.callApi(access);
    assertThat(((ApiAccess.RateLimited) minute).decision().retryAfterSeconds()).isEqualTo(30);

    clock.advance(Duration.ofSeconds(30));
    assertThat(sandbox.callApi(access)).isInstanceOf(ApiAccess.Granted.class);
    ApiAccess hour = sandbox.callApi(access);
    assertThat(((ApiAccess.RateLimited) hour).decision().retryAfterSeconds()).isEqualTo(3540);
  }

  /** Expired access tokens are refused; the refresh token still works afterwards. */
  @Test
  void accessTokenExpiresButRefreshStillWorks() {
    TokenIssue tokens = sandbox.mintGrant(1).orElseThrow();
    clock.advance(Duration.ofSeconds(3600));

    assertThat(sandbox.callApi(tokens.accessToken()))
        .isEqualTo(new ApiAccess.Unauthorized("Access token expired"));
    assertThat(sandbox.callApi(issued(sandbox.refresh(tokens.refreshToken())).accessToken()))
        .isInstanceOf(ApiAccess.Granted.class);
  }

  /** Revoking a user kills every token of every grant they gave. */
  @Test
  void revokeKillsAllTokensOfTheUser() {
    TokenIssue one = sandbox.mintGrant(1).orElseThrow();
    TokenIssue two = sandbox.mintGrant(1).orElseThrow();
    TokenIssue other = sandbox.mintGrant(2).orElseThrow();

    assertThat(sandbox.revokeGrants(1)).isEqualTo(2);

    assertThat(sandbox.callApi(one.accessToken())).isInstanceOf(ApiAccess.Unauthorized.class);
    assertThat(sandbox.refresh(two.refreshToken())).isInstanceOf(TokenOutcome.InvalidGrant.class);
    assertThat(sandbox.callApi(other.accessToken())).isInstanceOf(ApiAccess.Granted.class);
    assertThat(sandbox.liveGrants(1)).isZero();
    assertThat(sandbox.liveGrants(2)).isEqualTo(1);
  }

  /** Memory follows live grants: expired tokens and spent codes are swept away. */
  @Test
  void sweepDropsExpiredEntries() {
    settings(b -> b.add("refreshTokenLifetimeSeconds", 7200));
    for (long user = 1; user <= 3; user++) {
      sandbox.exchangeCode("client", code(user), CALLBACK);
    }
    code(1);
    assertThat(sandbox.sizes()).containsEntry("accessTokens", 3).containsEntry("codes", 4);

    clock.advance(Duration.ofSeconds(7200));
    sandbox.sweep();

    assertThat(sandbox.sizes())
        .containsEntry("accessTokens", 0)
        .containsEntry("codes", 0)
        .containsEntry("refreshTokens", 0)
        .containsEntry("pendingApprovals", 0);
  }

  /** A refresh response may leave out refresh_token; then the token must not have rotated. */
  @Test
  void omittingTheRefreshTokenMeansNoRotation() {
    settings(b -> b.add("omitRefreshTokenOnRefresh", true));
    TokenIssue tokens = sandbox.mintGrant(1).orElseThrow();

    TokenIssue refreshed = issued(sandbox.refresh(tokens.refreshToken()));

    assertThat(refreshed.refreshToken()).isNull();
    assertThat(refreshed.refreshTokenExpiresIn()).isNull();
    issued(sandbox.refresh(tokens.refreshToken()));
  }
}
