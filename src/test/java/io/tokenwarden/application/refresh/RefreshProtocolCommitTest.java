package io.tokenwarden.application.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.TenantLabels;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.TokenGrant;
import io.tokenwarden.testing.ConfigDefaults;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.util.TypeLiteral;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit of a pair FreeAgent already issued (its refresh token is spent): a stopping node's
 * interrupt must not cut the bounded retries short, or the only usable pair is lost.
 */
class RefreshProtocolCommitTest {

  @TempDir Path journalDir;

  private final AtomicInteger attempts = new AtomicInteger();
  private final List<TokenPairStored> fired = Collections.synchronizedList(new ArrayList<>());
  private final RefreshProtocol protocol = new RefreshProtocol();

  {
    protocol.labels = new TenantLabels();
  }

  private int failuresBeforeTheDatabaseIsBack;

  @BeforeEach
  void protocolWithADatabaseThatRefusesInterruptedThreads() {
    protocol.settings = ConfigDefaults.of(RefreshSettings.class);
    protocol.settings.commitAttempts = 3;
    protocol.parked = parkedPairsIn(journalDir, "host/aaaa1111");
    protocol.metrics =
        new RefreshMetrics() {
          @Override
          public void refreshed(String outcome) {}

          @Override
          public void storedTogether(int pairs) {}
        };
    protocol.provider =
        new ProviderStateStore() {
          @Override
          public void clearCredentialAlarmIfRaised() {}
        };
    protocol.stored = new RecordedEvents();
    protocol.store =
        new TokenStore() {
          @Override
          public Optional<ConnectionStatus> storeRefreshed(ReceivedPair pair) {
            attempts.incrementAndGet();
            if (Thread.currentThread().isInterrupted()) {
              // as a JDBC driver or connection pool does on an interrupted thread
              throw new IllegalStateException("interrupted while waiting for a connection");
            }
            if (failuresBeforeTheDatabaseIsBack-- > 0) {
              throw new IllegalStateException("database unreachable");
            }
            return Optional.of(ConnectionStatus.CONNECTED);
          }
        };
  }

  @AfterEach
  void clearInterrupt() {
    Thread.interrupted();
    protocol.parked.close();
  }

  /**
   * Interrupted before the commit (the node stops), the pair is still stored, and the flag kept.
   */
  @Test
  void anInterruptDoesNotDropTheReceivedPair() {
    failuresBeforeTheDatabaseIsBack = 1;
    Thread.currentThread().interrupt();

    RefreshResult result = protocol.storeUntilDone(pair());

    assertThat(result.refreshed()).isTrue();
    assertThat(result.message()).startsWith("Refreshed; the new access token");
    assertThat(attempts).hasValue(2);
    assertThat(protocol.parked.size()).isZero();
    assertThat(Thread.interrupted()).as("the interrupt is handed back").isTrue();
  }

  /** The retries stay bounded by commit-attempts, interrupt or not; then the pair is parked. */
  @Test
  void theRetriesStayBounded() {
    failuresBeforeTheDatabaseIsBack = Integer.MAX_VALUE;
    Thread.currentThread().interrupt();

    RefreshResult result = protocol.storeUntilDone(pair());

    assertThat(attempts).hasValue(3);
    assertThat(protocol.parked.size()).isEqualTo(1);
    assertThat(result.message()).contains("delayed");
  }

  /** The pair is on disk before the first commit attempt, and gone once it is stored. */
  @Test
  void thePairIsJournaledBeforeTheFirstAttemptAndRemovedOnceStored() {
    failuresBeforeTheDatabaseIsBack = 1;
    List<Integer> entriesAtEachAttempt = new ArrayList<>();
    TokenStore database = protocol.store;
    protocol.store =
        new TokenStore() {
          @Override
          public Optional<ConnectionStatus> storeRefreshed(ReceivedPair pair) {
            entriesAtEachAttempt.add(journalEntries());
            return database.storeRefreshed(pair);
          }
        };

    protocol.storeUntilDone(pair());

    assertThat(entriesAtEachAttempt).containsExactly(1, 1);
    assertThat(journalEntries()).isZero();
  }

  /**
   * The database stays down past the commit attempts and the node restarts: the next run finds the
   * pair in the journal, holds its tenant back from claims, stores it at its first tick (without
   * the plain token, so the cache is not fed) and empties the journal.
   */
  @Test
  void aParkedPairSurvivesARestartAndIsStoredAtTheFirstTick() {
    failuresBeforeTheDatabaseIsBack = Integer.MAX_VALUE;
    ReceivedPair pair = pair();
    protocol.storeUntilDone(pair);
    assertThat(journalEntries()).isEqualTo(1);
    protocol.parked.close(); // the node stops; the database is back for the next run
    failuresBeforeTheDatabaseIsBack = 0;
    attempts.set(0);

    protocol.parked = parkedPairsIn(journalDir, "host/bbbb2222");
    assertThat(protocol.parked.pendingTenants()).containsExactly(pair.tenantId());
    protocol.retryParked();

    assertThat(attempts).hasValue(1);
    assertThat(protocol.parked.pendingTenants()).isEmpty();
    assertThat(journalEntries()).isZero();
    assertThat(fired).as("no plain token after a replay").isEmpty();
  }

  /**
   * Pairs whose calls end while another pair is being stored wait and go together in one
   * transaction (ADR 0032). Each is in the journal before its group starts, and when the group's
   * transaction fails, each is then stored alone: a group adds no way to lose a pair.
   */
  @Test
  void aFailedGroupLeavesEveryPairJournaledAndEachIsThenStoredAlone() throws Exception {
    CountDownLatch firstGroupMayEnd = new CountDownLatch(1);
    List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());
    List<Integer> journaledAtEachGroup = Collections.synchronizedList(new ArrayList<>());
    List<UUID> storedAlone = Collections.synchronizedList(new ArrayList<>());
    protocol.store =
        new TokenStore() {
          @Override
          public List<Optional<ConnectionStatus>> storeRefreshedTogether(List<ReceivedPair> pairs) {
            groupSizes.add(pairs.size());
            // Counted by the group's own pairs: the first pair's entry may still be on disk when
            // the second group starts (its thread removes it after its group returned).
            journaledAtEachGroup.add(journaledAmong(pairs));
            if (groupSizes.size() > 1) {
              throw new IllegalStateException("could not serialize access");
            }
            try {
              firstGroupMayEnd.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return List.of(Optional.of(ConnectionStatus.CONNECTED));
          }

          @Override
          public Optional<ConnectionStatus> storeRefreshed(ReceivedPair pair) {
            storedAlone.add(pair.tenantId());
            return Optional.of(ConnectionStatus.CONNECTED);
          }
        };
    ExecutorService threads = Executors.newFixedThreadPool(3);
    try {
      Future<RefreshResult> first = threads.submit(() -> protocol.storeUntilDone(pair()));
      await().atMost(Duration.ofSeconds(10)).until(() -> groupSizes.size() == 1);
      ReceivedPair second = pair();
      ReceivedPair third = pair();
      List<Future<RefreshResult>> grouped =
          List.of(
              threads.submit(() -> protocol.storeUntilDone(second)),
              threads.submit(() -> protocol.storeUntilDone(third)));
      await().atMost(Duration.ofSeconds(10)).until(() -> protocol.storedTogether.waiting() == 2);

      firstGroupMayEnd.countDown();

      assertThat(first.get(30, TimeUnit.SECONDS).refreshed()).isTrue();
      for (Future<RefreshResult> result : grouped) {
        assertThat(result.get(30, TimeUnit.SECONDS).refreshed()).isTrue();
      }
      assertThat(groupSizes).containsExactly(1, 2);
      assertThat(journaledAtEachGroup)
          .as("each pair on disk before its group")
          .containsExactly(1, 2);
      assertThat(storedAlone).containsExactlyInAnyOrder(second.tenantId(), third.tenantId());
      assertThat(journalEntries()).isZero();
      assertThat(protocol.parked.size()).isZero();
    } finally {
      firstGroupMayEnd.countDown();
      threads.shutdownNow();
    }
  }

  /** How many of {@code pairs} have their journal entry ({@code <node>+<tenant>+<version>}). */
  private int journaledAmong(List<ReceivedPair> pairs) {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(journalDir)) {
      List<String> entries =
          files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).toList();
      return (int)
          pairs.stream()
              .filter(p -> entries.stream().anyMatch(e -> e.contains(p.tenantId().toString())))
              .count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private int journalEntries() {
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(journalDir)) {
      return (int) files.filter(f -> f.toString().endsWith(".json")).count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ParkedPairs parkedPairsIn(Path dir, String node) {
    ParkedPairs parked = new ParkedPairs();
    parked.labels = new TenantLabels();
    parked.journal = new RefreshJournal(dir, node, Clock.systemUTC());
    return parked;
  }

  private static ReceivedPair pair() {
    Instant now = Instant.now();
    return new ReceivedPair(
        UUID.randomUUID(),
        3,
        UUID.randomUUID(),
        new TokenGrant("sealed-access", now.plusSeconds(3600), "sealed-refresh", null),
        now.plusSeconds(2700),
        RefreshTrigger.SCHEDULED,
        Duration.ofMillis(40),
        "access",
        null);
  }

  /** Records the stored-pair events the hand-out cache would observe. */
  private final class RecordedEvents implements Event<TokenPairStored> {
    @Override
    public void fire(TokenPairStored event) {
      fired.add(event);
    }

    @Override
    public <U extends TokenPairStored> CompletionStage<U> fireAsync(U event) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends TokenPairStored> CompletionStage<U> fireAsync(
        U event, NotificationOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Event<TokenPairStored> select(Annotation... qualifiers) {
      return this;
    }

    @Override
    public <U extends TokenPairStored> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <U extends TokenPairStored> Event<U> select(
        TypeLiteral<U> subtype, Annotation... qualifiers) {
      throw new UnsupportedOperationException();
    }
  }
}
