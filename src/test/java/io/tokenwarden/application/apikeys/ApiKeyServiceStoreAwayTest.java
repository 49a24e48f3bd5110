package io.tokenwarden.application.apikeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.StoreUnavailableException;
import io.tokenwarden.domain.ApiClient;
import io.tokenwarden.domain.ApiKeyKind;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.testing.MovableClock;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Finding 2 of docs/RELIABILITY.md: a live key's answer stands past the key-cache TTL while the
 * database cannot answer, and only then; a revoked key stops within the TTL while it can.
 */
class ApiKeyServiceStoreAwayTest {

  private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final String KEY = ApiKeyService.PREFIX + "0123456789abcdef0123456789abcdef";

  private final MovableClock clock = new MovableClock(T0);
  private final StoreDouble store = new StoreDouble();
  private final ApiKeyService keys = new ApiKeyService();
  private final ApiClient client =
      new ApiClient("it", ApiKeyKind.TOKEN, "hash", "tw_0123456", UUID.randomUUID(), T0);

  @BeforeEach
  void wire() {
    keys.scope = store;
    keys.clock = clock;
    keys.keyCacheTtl = TTL;
    store.answer = Optional.of(client);
    assertThat(keys.authenticate(KEY)).contains(client);
  }

  /** Past the TTL with the database away: the key still works, however long the outage. */
  @Test
  void aLiveKeyStandsPastTheTtlWhileTheDatabaseIsAway() {
    store.away = true;
    clock.advance(Duration.ofMinutes(10));

    assertThat(keys.authenticate(KEY)).contains(client);
    assertThat(keys.authenticate(KEY)).contains(client);
  }

  /** With the database answering, a key revoked elsewhere stops once the TTL has passed. */
  @Test
  void aRevokedKeyStopsAfterTheTtlWhileTheDatabaseAnswers() {
    store.answer = Optional.empty();
    clock.advance(TTL.minusSeconds(1));
    assertThat(keys.authenticate(KEY)).contains(client);
    clock.advance(Duration.ofSeconds(1));

    assertThat(keys.authenticate(KEY)).isEmpty();
  }

  /**
   * A "no such key" answer, and a key never checked here, are not answered from memory past the TTL
   * while the database is away: 503, never a 401 from old knowledge nor a 500.
   */
  @Test
  void unknownKeysAreNotAnsweredFromMemoryWhileTheDatabaseIsAway() {
    String other = ApiKeyService.PREFIX + "fedcba9876543210fedcba9876543210";
    store.answer = Optional.empty();
    assertThat(keys.authenticate(other)).isEmpty();
    store.away = true;
    clock.advance(TTL);

    assertThatThrownBy(() -> keys.authenticate(other))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> keys.authenticate(ApiKeyService.PREFIX + "never-seen-0123456789"))
        .isInstanceOf(StoreUnavailableException.class);
  }

  /**
   * When a key's answer runs out under load, the callers presenting it meanwhile wait for one read
   * rather than each reading the database (and each touching its last use).
   */
  @Test
  void callersOfAKeyWhoseAnswerRanOutShareOneRead() throws Exception {
    clock.advance(TTL);
    store.reads.set(0);
    store.gate = new CountDownLatch(1);
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Optional<ApiClient>>> answers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        answers.add(callers.submit(() -> keys.authenticate(KEY)));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> store.waiting.get() == 1);
      store.gate.countDown();
      for (Future<Optional<ApiClient>> answer : answers) {
        assertThat(answer.get(10, TimeUnit.SECONDS)).contains(client);
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(store.reads).hasValue(1);
  }

  /**
   * Plays the database: answers {@link #answer} for the key lookup, or fails as an unreachable
   * database does; with a {@link #gate}, a read waits for it to open.
   */
  private static final class StoreDouble extends TenantScope {
    Optional<ApiClient> answer;
    boolean away;
    volatile CountDownLatch gate;
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger waiting = new AtomicInteger();

    @Override
    @SuppressWarnings("unchecked")
    public <T> T asRoot(Supplier<T> work) {
      reads.incrementAndGet();
      CountDownLatch wait = gate;
      if (wait != null) {
        waiting.incrementAndGet();
        try {
          wait.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (away) {
        throw new JDBCConnectionException(
            "Unable to acquire JDBC Connection",
            new SQLTransientConnectionException("Connection refused", "08001"));
      }
      return (T) answer;
    }
  }
}
