package io.tokenwarden.application.handout;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.tokenwarden.application.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * This node's answers to "which tenant has this slug", so a fresh hand-out needs no database. A
 * found tenant is trusted for the hand-out cache's TTL from the moment it was read, or from the
 * last poll of the change watch that confirmed it (ADR 0028: a deletion anywhere reaches every
 * node's watch as a tombstone naming the slug), the same staleness ADR 0021 accepts for the token
 * itself; "no such slug" only for a short while, so a tenant created on another node is found soon.
 * A failed lookup is never remembered. A found tenant is kept past its TTL and answered again only
 * when the lookup fails because the database cannot answer ({@link StoreUnavailableException}):
 * then no deletion can have been read either, and the token it leads to is still checked on its own
 * (ADR 0024). Bounded: a flood of made-up slugs evicts the least used entries, it cannot grow the
 * heap.
 */
public final class TenantSlugCache {

  private final Cache<String, Answer> entries;
  private final Duration ttl;
  private final Duration unknownTtl;
  private final ChangeCoverage coverage;
  private final Clock clock;

  /** A cache whose found tenants are trusted for their TTL alone (no change watch). */
  public TenantSlugCache(Duration ttl, Duration unknownTtl, long maximumSize, Clock clock) {
    this(ttl, unknownTtl, maximumSize, ChangeCoverage.never(), clock);
  }

  /**
   * @param coverage the change watch's progress, which keeps found tenants it confirmed trusted
   */
  public TenantSlugCache(
      Duration ttl, Duration unknownTtl, long maximumSize, ChangeCoverage coverage, Clock clock) {
    this.ttl = ttl;
    this.unknownTtl = unknownTtl;
    this.coverage = coverage;
    this.clock = clock;
    this.entries =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .expireAfter(new UnknownOnlyExpire(unknownTtl.toNanos()))
            .ticker(() -> clock.millis() * 1_000_000L)
            // Expiry and eviction run on the caller's thread: no unmanaged threads in the server.
            .executor(Runnable::run)
            .build();
  }

  /**
   * The tenant id for {@code slug}, from memory while trusted, else from {@code lookup} (whose
   * answer is then remembered; its exceptions pass through and nothing is remembered, except that a
   * found tenant read earlier answers when the lookup finds the database away).
   */
  public Optional<UUID> tenantId(String slug, Function<String, Optional<UUID>> lookup) {
    Instant now = clock.instant();
    Answer known = entries.getIfPresent(slug);
    if (known != null && now.isBefore(trustedUntil(known))) {
      return known.tenantId();
    }
    Optional<UUID> found;
    try {
      found = lookup.apply(slug);
    } catch (StoreUnavailableException e) {
      if (known != null && known.tenantId().isPresent()) {
        return known.tenantId();
      }
      throw e;
    }
    // The watch's progress is read atomically with the insertion, so its next checks cover it.
    entries.asMap().compute(slug, (s, old) -> new Answer(found, now, coverage.latest()));
    return found;
  }

  /**
   * Forgets {@code slug} if it names {@code tenantId}: the change watch saw the tenant's deletion
   * (the slug may name a new tenant by now, which is then looked up afresh).
   */
  public void forget(String slug, UUID tenantId) {
    entries
        .asMap()
        .computeIfPresent(
            slug, (s, answer) -> answer.tenantId().equals(Optional.of(tenantId)) ? null : answer);
  }

  private Instant trustedUntil(Answer answer) {
    if (answer.tenantId().isEmpty()) {
      return answer.readAt().plus(unknownTtl);
    }
    return coverage.confirmedThrough(answer.atInsert(), answer.readAt()).plus(ttl);
  }

  /** Forgets every slug that names {@code tenantId} (its deletion or disconnection here). */
  public void forget(UUID tenantId) {
    entries
        .asMap()
        .values()
        .removeIf(
            answer -> answer.tenantId().isPresent() && answer.tenantId().get().equals(tenantId));
  }

  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  /** One lookup's answer, when it began, and the watch's last poll when it was inserted. */
  private record Answer(Optional<UUID> tenantId, Instant readAt, ChangeCoverage.Poll atInsert) {}

  /**
   * An unknown slug is dropped {@code unknown} nanoseconds after it was read; a found tenant stays
   * (bounded by size) for the database's absence.
   */
  private record UnknownOnlyExpire(long unknown) implements Expiry<String, Answer> {

    @Override
    public long expireAfterCreate(String slug, Answer answer, long now) {
      return answer.tenantId().isPresent() ? Long.MAX_VALUE : unknown;
    }

    @Override
    public long expireAfterUpdate(String slug, Answer answer, long now, long remaining) {
      return expireAfterCreate(slug, answer, now);
    }

    @Override
    public long expireAfterRead(String slug, Answer answer, long now, long remaining) {
      return remaining;
    }
  }
}
