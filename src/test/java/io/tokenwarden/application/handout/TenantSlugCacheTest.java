package io.tokenwarden.application.handout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tokenwarden.application.StoreUnavailableException;
import io.tokenwarden.testing.MovableClock;
import jakarta.persistence.PersistenceException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TenantSlugCacheTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));
  private final TenantSlugCache cache =
      new TenantSlugCache(Duration.ofSeconds(15), Duration.ofSeconds(2), 100, clock);
  private final Map<String, UUID> database = new HashMap<>();
  private final AtomicInteger lookups = new AtomicInteger();

  private Optional<UUID> resolve(String slug) {
    return cache.tenantId(
        slug,
        s -> {
          lookups.incrementAndGet();
          return Optional.ofNullable(database.get(s));
        });
  }

  /** Within the TTL a known slug is answered from memory: no second database lookup. */
  @Test
  void answersAKnownSlugFromMemoryWithinTheTtl() {
    UUID acme = UUID.randomUUID();
    database.put("acme", acme);

    assertThat(resolve("acme")).contains(acme);
    clock.advance(Duration.ofSeconds(14));
    assertThat(resolve("acme")).contains(acme);
    assertThat(lookups).hasValue(1);
  }

  /**
   * A slug deleted on another node and reused by a new tenant resolves to the new tenant once the
   * TTL has passed since the old answer was read, however often it was used meanwhile.
   */
  @Test
  void aReusedSlugResolvesToTheNewTenantAfterTheTtl() {
    UUID old = UUID.randomUUID();
    database.put("acme", old);
    resolve("acme");
    UUID replacement = UUID.randomUUID();
    database.put("acme", replacement);

    for (int i = 0; i < 14; i++) {
      clock.advance(Duration.ofSeconds(1));
      assertThat(resolve("acme")).contains(old);
    }
    clock.advance(Duration.ofSeconds(1));
    assertThat(resolve("acme")).contains(replacement);
  }

  /** This node's delete or disconnect forgets the tenant's slug at once. */
  @Test
  void forgettingATenantDropsItsSlugAtOnce() {
    UUID old = UUID.randomUUID();
    database.put("acme", old);
    database.put("other", UUID.randomUUID());
    resolve("acme");
    resolve("other");
    UUID replacement = UUID.randomUUID();
    database.put("acme", replacement);

    cache.forget(old);

    assertThat(resolve("acme")).contains(replacement);
    assertThat(resolve("other")).isPresent();
    assertThat(lookups).hasValue(3);
  }

  /** "No such slug" is believed only briefly, so a tenant created on another node is found soon. */
  @Test
  void anUnknownSlugIsRememberedOnlyBriefly() {
    assertThat(resolve("newco")).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(resolve("newco")).isEmpty();
    assertThat(lookups).hasValue(1);

    UUID newco = UUID.randomUUID();
    database.put("newco", newco);
    clock.advance(Duration.ofSeconds(1));

    assertThat(resolve("newco")).contains(newco);
    assertThat(lookups).hasValue(2);
  }

  /** A lookup that fails (database down) is not remembered: the next call asks again. */
  @Test
  void aFailedLookupIsNotRemembered() {
    assertThatThrownBy(
            () ->
                cache.tenantId(
                    "acme",
                    s -> {
                      throw new PersistenceException("connection refused");
                    }))
        .isInstanceOf(PersistenceException.class);
    UUID acme = UUID.randomUUID();
    database.put("acme", acme);

    assertThat(resolve("acme")).contains(acme);
  }

  /**
   * Finding 2 of docs/RELIABILITY.md: past its TTL a found tenant is answered again when the
   * database cannot answer (the lookup fails with StoreUnavailableException), for as long as it
   * stays away; once it answers again, its answer wins.
   */
  @Test
  void aFoundTenantIsTrustedPastItsTtlWhileTheDatabaseIsAway() {
    UUID acme = UUID.randomUUID();
    database.put("acme", acme);
    resolve("acme");
    clock.advance(Duration.ofMinutes(5));

    assertThat(cache.tenantId("acme", this::databaseAway)).contains(acme);
    assertThat(cache.tenantId("acme", this::databaseAway)).contains(acme);

    database.remove("acme");
    assertThat(resolve("acme")).isEmpty();
  }

  /**
   * A deleted tenant stops resolving within the TTL while the database answers: being away is the
   * only reason to trust an old answer.
   */
  @Test
  void aDeletedTenantStopsResolvingAfterTheTtlWhileTheDatabaseAnswers() {
    database.put("acme", UUID.randomUUID());
    resolve("acme");
    database.remove("acme");
    clock.advance(Duration.ofSeconds(15));

    assertThat(resolve("acme")).isEmpty();
  }

  /**
   * With the database away, an unknown slug, a slug never read, and any other failure than the
   * database's absence are not answered from memory.
   */
  @Test
  void onlyAFoundTenantStandsInForTheAbsentDatabase() {
    resolve("nobody");
    clock.advance(Duration.ofSeconds(3));
    assertThatThrownBy(() -> cache.tenantId("nobody", this::databaseAway))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> cache.tenantId("never-read", this::databaseAway))
        .isInstanceOf(StoreUnavailableException.class);

    database.put("acme", UUID.randomUUID());
    resolve("acme");
    clock.advance(Duration.ofSeconds(16));
    assertThatThrownBy(
            () ->
                cache.tenantId(
                    "acme",
                    s -> {
                      throw new IllegalStateException("a bug");
                    }))
        .isInstanceOf(IllegalStateException.class);
  }

  private Optional<UUID> databaseAway(String slug) {
    throw new StoreUnavailableException(new PersistenceException("connection refused"));
  }

  /** A flood of made-up slugs cannot grow the cache past its bound. */
  @Test
  void staysWithinItsBound() {
    for (int i = 0; i < 1_000; i++) {
      resolve("made-up-" + i);
    }

    assertThat(cache.size()).isLessThanOrEqualTo(100);
  }

  private final ChangeCoverage coverage = new ChangeCoverage(Duration.ofSeconds(1));
  private final TenantSlugCache watched =
      new TenantSlugCache(Duration.ofSeconds(15), Duration.ofSeconds(2), 100, coverage, clock);

  private Optional<UUID> resolveWatched(String slug) {
    return watched.tenantId(
        slug,
        s -> {
          lookups.incrementAndGet();
          return Optional.ofNullable(database.get(s));
        });
  }

  /**
   * With the change watch polling, a found tenant is trusted past the TTL (no lookup per TTL); the
   * watch's sight of its deletion forgets the slug at once, and a slug naming another tenant by
   * then is left alone. "No such slug" stays brief: creations are not watched.
   */
  @Test
  void theWatchKeepsAFoundSlugUntilItSeesTheTenantsDeletion() {
    UUID acme = UUID.randomUUID();
    database.put("acme", acme);
    coverage.applied(clock.instant());
    resolveWatched("acme");
    for (int i = 0; i < 60; i++) {
      clock.advance(Duration.ofSeconds(1));
      coverage.applied(clock.instant());
    }
    assertThat(resolveWatched("acme")).contains(acme);
    assertThat(lookups).hasValue(1);

    watched.forget("acme", UUID.randomUUID());
    assertThat(resolveWatched("acme")).as("a deletion of another tenant").contains(acme);
    assertThat(lookups).hasValue(1);

    UUID replacement = UUID.randomUUID();
    database.put("acme", replacement);
    watched.forget("acme", acme);
    assertThat(resolveWatched("acme")).contains(replacement);
    assertThat(lookups).hasValue(2);

    assertThat(resolveWatched("newco")).isEmpty();
    clock.advance(Duration.ofSeconds(1));
    coverage.applied(clock.instant());
    clock.advance(Duration.ofSeconds(1));
    coverage.applied(clock.instant());
    clock.advance(Duration.ofSeconds(1));
    coverage.applied(clock.instant());
    database.put("newco", UUID.randomUUID());
    assertThat(resolveWatched("newco")).isPresent();
  }
}
