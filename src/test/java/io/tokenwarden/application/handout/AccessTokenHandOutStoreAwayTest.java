package io.tokenwarden.application.handout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenwarden.application.StoreUnavailableException;
import io.tokenwarden.application.refresh.ProviderStateStore;
import io.tokenwarden.application.refresh.RefreshMetrics;
import io.tokenwarden.application.refresh.RefreshSettings;
import io.tokenwarden.application.refresh.TokenPairStored;
import io.tokenwarden.domain.RefreshTimingFixtures;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.testing.ConfigDefaults;
import io.tokenwarden.testing.MovableClock;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finding 2 of docs/RELIABILITY.md: while the database cannot answer, a token past the hand-out
 * cache's TTL is still handed out as long as it keeps the minimum validity; nothing else is (the
 * API answers 503 with Retry-After then), and any other failure is not papered over.
 */
class AccessTokenHandOutStoreAwayTest {

  private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
  private static final HandOutSettings SETTINGS = ConfigDefaults.of(HandOutSettings.class);
  private static final Duration TTL = SETTINGS.cacheTtl();

  private final MovableClock clock = new MovableClock(T0);
  private final FailingScope store = new FailingScope();
  private final AccessTokenHandOut handOut = new AccessTokenHandOut();
  private final UUID tenant = UUID.randomUUID();

  @BeforeEach
  void wire() {
    handOut.scope = store;
    handOut.clock = clock;
    handOut.handOutSettings = SETTINGS;
    handOut.timing = RefreshTimingFixtures.documentedDefaults();
    handOut.metrics = new NoMetrics();
    handOut.providerStates = new ProviderStateStore();
    handOut.settings =
        new RefreshSettings() {
          @Override
          public Duration refreshTokenWarning() {
            return Duration.ofDays(14);
          }
        };
    handOut.init();
    // A refresh on this node stored a token valid for an hour.
    handOut.onStored(new TokenPairStored(tenant, 7, "token-7", T0.plus(Duration.ofHours(1))));
  }

  /** Past the TTL with the database away: the cached token, after asking the database once. */
  @Test
  void servesATokenPastTheTtlWhileTheDatabaseIsAway() {
    store.failure = StoreFailure.UNREACHABLE;
    clock.advance(Duration.ofMinutes(10));

    assertThat(handOut.handOut(tenant, null).join().token().accessToken()).isEqualTo("token-7");
    assertThat(store.asked).hasValue(1);
  }

  /** Below the minimum validity the old entry is not served, database or not: 503 (Retry-After). */
  @Test
  void notBelowTheMinimumValidity() {
    store.failure = StoreFailure.UNREACHABLE;
    clock.advance(Duration.ofMinutes(55));

    assertThatThrownBy(() -> handOut.handOut(tenant, null))
        .isInstanceOf(StoreUnavailableException.class);
  }

  /** A tenant never cached here is not answered without the database. */
  @Test
  void notForATokenThisNodeNeverHeld() {
    store.failure = StoreFailure.UNREACHABLE;

    assertThatThrownBy(() -> handOut.handOut(UUID.randomUUID(), null))
        .isInstanceOf(StoreUnavailableException.class);
  }

  /** Any failure other than the database's absence (a bug) is not hidden behind an old token. */
  @Test
  void notWhenSomethingElseFails() {
    store.failure = StoreFailure.BUG;
    clock.advance(TTL);

    assertThatThrownBy(() -> handOut.handOut(tenant, null))
        .isInstanceOf(IllegalStateException.class);
  }

  /** Within the TTL the cache answers alone, without asking the database. */
  @Test
  void withinTheTtlTheDatabaseIsNotAsked() {
    store.failure = StoreFailure.UNREACHABLE;
    clock.advance(TTL.minusSeconds(1));

    assertThat(handOut.handOut(tenant, null).join().token().accessToken()).isEqualTo("token-7");
    assertThat(store.asked).hasValue(0);
  }

  private enum StoreFailure {
    UNREACHABLE,
    BUG
  }

  /** A database that fails every unit of work before it runs, as chosen. */
  private static final class FailingScope extends TenantScope {
    StoreFailure failure;
    final AtomicInteger asked = new AtomicInteger();

    @Override
    public <T> T asTenant(UUID tenantId, Supplier<T> work) {
      return fail();
    }

    @Override
    public <T> T asRoot(Supplier<T> work) {
      return fail();
    }

    private <T> T fail() {
      asked.incrementAndGet();
      if (failure == StoreFailure.BUG) {
        throw new IllegalStateException("a bug");
      }
      throw new JDBCConnectionException(
          "Unable to acquire JDBC Connection",
          new SQLTransientConnectionException("Connection refused", "08001"));
    }
  }

  /** No metric registry in a unit test. */
  private static final class NoMetrics extends RefreshMetrics {
    @Override
    public void handOutCache(boolean hit) {
      // counted nowhere
    }

    @Override
    public void handedOut(String outcome, Duration latency) {
      // counted nowhere
    }
  }
}
