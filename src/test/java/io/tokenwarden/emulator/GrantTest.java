package io.tokenwarden.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The refresh token rotation state machine, one mode at a time. */
class GrantTest {

  private static final Instant T0 = Instant.parse("2030-01-01T10:00:00Z");
  private final Map<String, Grant> index = new HashMap<>();
  private final AtomicInteger counter = new AtomicInteger();
  private final Supplier<String> newToken = () -> "rt" + counter.incrementAndGet();
  private final Grant grant =
      new Grant(
          1,
          7,
          "client",
          "rt0",
          T0.plusSeconds(86400),
          new TokenIndex() {
            @Override
            public void register(String refreshToken, Grant g) {
              index.put(refreshToken, g);
            }

            @Override
            public void forget(String refreshToken) {
              index.remove(refreshToken);
            }
          });

  private RefreshResult refresh(String token, RotationMode mode, Instant at) {
    return grant.refresh(token, mode, 30, 86400, at, newToken);
  }

  private static String renewed(RefreshResult result) {
    assertThat(result).isInstanceOf(RefreshResult.Renewed.class);
    return ((RefreshResult.Renewed) result).refreshToken();
  }

  /** NONE: the same refresh token comes back, again and again. */
  @Test
  void noneReturnsTheSameToken() {
    assertThat(renewed(refresh("rt0", RotationMode.NONE, T0))).isEqualTo("rt0");
    assertThat(renewed(refresh("rt0", RotationMode.NONE, T0))).isEqualTo("rt0");
  }

  /** STRICT: a new token each time; the old one is dead at once. */
  @Test
  void strictKillsTheOldTokenAtOnce() {
    String next = renewed(refresh("rt0", RotationMode.STRICT, T0));

    assertThat(next).isNotEqualTo("rt0");
    assertThat(renewed(refresh(next, RotationMode.STRICT, T0))).isNotEqualTo(next);
  }

  /** STRICT: presenting a spent token revokes the whole grant, including the newest token. */
  @Test
  void strictReuseRevokesTheGrant() {
    String next = renewed(refresh("rt0", RotationMode.STRICT, T0));

    RefreshResult reuse = refresh("rt0", RotationMode.STRICT, T0);

    assertThat(reuse)
        .isEqualTo(
            new RefreshResult.Refused(
                "The refresh token was already used; the grant has been revoked.", true, true));
    assertThat(grant.isAlive(T0)).isFalse();
    assertThat(refresh(next, RotationMode.STRICT, T0)).isInstanceOf(RefreshResult.Refused.class);
    assertThat(index).isEmpty();
  }

  /** GRACE: the old token still works (returning the same new one) within the grace period. */
  @Test
  void graceKeepsTheOldTokenForTheGracePeriod() {
    String next = renewed(refresh("rt0", RotationMode.GRACE, T0));

    assertThat(renewed(refresh("rt0", RotationMode.GRACE, T0.plusSeconds(29)))).isEqualTo(next);
    RefreshResult late = refresh("rt0", RotationMode.GRACE, T0.plusSeconds(30));
    assertThat(late).isInstanceOf(RefreshResult.Refused.class);
    assertThat(((RefreshResult.Refused) late).spentReuse()).isTrue();
    assertThat(((RefreshResult.Refused) late).grantRevoked()).isFalse();
    assertThat(grant.isAlive(T0)).isTrue();
  }

  /** GRACE: once the new token has been used, the old one is dead even inside the period. */
  @Test
  void graceEndsWhenTheNewTokenIsUsed() {
    String next = renewed(refresh("rt0", RotationMode.GRACE, T0));
    renewed(refresh(next, RotationMode.GRACE, T0.plusSeconds(1)));

    assertThat(refresh("rt0", RotationMode.GRACE, T0.plusSeconds(2)))
        .isInstanceOf(RefreshResult.Refused.class);
  }

  /** An expired refresh token is refused in every mode. */
  @Test
  void expiredTokenIsRefused() {
    RefreshResult result = refresh("rt0", RotationMode.NONE, T0.plusSeconds(86400));

    assertThat(result)
        .isEqualTo(new RefreshResult.Refused("The refresh token has expired.", false, false));
  }

  /** Memory stays bounded: only the last few spent tokens are remembered. */
  @Test
  void remembersOnlyAFewSpentTokens() {
    String token = "rt0";
    for (int i = 0; i < 50; i++) {
      token = renewed(refresh(token, RotationMode.STRICT, T0));
    }

    assertThat(index).hasSize(Grant.REMEMBERED_SPENT_TOKENS + 1);
    assertThat(refresh("rt0", RotationMode.STRICT, T0))
        .isEqualTo(new RefreshResult.Refused("The refresh token is not valid.", false, false));
  }
}
