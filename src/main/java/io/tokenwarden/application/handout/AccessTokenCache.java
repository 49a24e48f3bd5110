package io.tokenwarden.application.handout;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * This node's cache of decrypted access tokens, keyed by tenant and {@code token_version}. An entry
 * is served only while (a) it is younger than the TTL and (b) its token keeps at least the minimum
 * validity; so it can never hand out a token past expiry, and a newer version stored by another
 * node is picked up within the TTL (ADR 0021). A local refresh replaces the entry at once; an older
 * version never replaces a newer one. While the database cannot answer, {@link #whileStoreAway}
 * serves an entry past its TTL as long as (b) holds: no newer version can be read then, and the
 * token FreeAgent issued is still good (ADR 0024).
 *
 * <p>An entry leaves memory when its token expires, whether or not anyone asks for it again: a
 * decrypted token is not kept past its use, and the heap holds the tenants asked for within one
 * token lifetime, not every tenant ever asked for (P6 in docs/BENCHMARKS.md).
 */
public final class AccessTokenCache {

  private final Duration ttl;
  private final Duration minimumValidity;
  private final Cache<UUID, Entry> entries;

  /**
   * @param clock the time the cache's expiry runs on; the callers' {@code now} comes from it too
   */
  public AccessTokenCache(Duration ttl, Duration minimumValidity, Clock clock) {
    this.ttl = ttl;
    this.minimumValidity = minimumValidity;
    this.entries =
        Caffeine.newBuilder()
            .expireAfter(new UntilTheTokenExpires())
            .ticker(() -> clock.millis() * 1_000_000L)
            // Expiry runs on the caller's thread: no unmanaged threads in the server.
            .executor(Runnable::run)
            .build();
  }

  /** The cached token when it may still be served at {@code now}. */
  public Optional<HandedOutToken> get(UUID tenantId, Instant now) {
    return get(tenantId, now, minimumValidity);
  }

  /**
   * The cached token when it may be served at {@code now} to a caller demanding {@code
   * minimumValidity} (a caller's {@code ?min_validity}, capped by the hand-out guard). An entry too
   * short for this caller, or past its TTL, stays for less demanding callers and for a database
   * outage; only an expired one goes.
   */
  public Optional<HandedOutToken> get(UUID tenantId, Instant now, Duration minimumValidity) {
    return lookUp(tenantId, now, minimumValidity, false);
  }

  /**
   * The cached token, however old the entry, while it keeps {@code minimumValidity}: for when the
   * database cannot answer (the caller saw it fail), so no newer version could be read anyway.
   */
  public Optional<HandedOutToken> whileStoreAway(
      UUID tenantId, Instant now, Duration minimumValidity) {
    return lookUp(tenantId, now, minimumValidity, true);
  }

  private Optional<HandedOutToken> lookUp(
      UUID tenantId, Instant now, Duration validity, boolean pastTtl) {
    Entry entry = entries.getIfPresent(tenantId);
    if (entry == null) {
      return Optional.empty();
    }
    if (!validFor(entry, now, Duration.ZERO)) {
      entries.asMap().remove(tenantId, entry);
      return Optional.empty();
    }
    if (!pastTtl && !young(entry, now)) {
      // Kept, not removed: it may still be served if the database turns out to be away.
      return Optional.empty();
    }
    if (!validFor(entry, now, validity)) {
      return Optional.empty();
    }
    return Optional.of(new HandedOutToken(entry.accessToken, entry.expiresAt));
  }

  /** Remembers a token read or stored at {@code now}, unless a newer version is cached. */
  public void put(UUID tenantId, long version, String token, Instant expiresAt, Instant now) {
    Entry fresh = new Entry(version, token, expiresAt, now);
    if (!validFor(fresh, now, Duration.ZERO)) {
      return;
    }
    entries.asMap().merge(tenantId, fresh, (old, neu) -> old.version > neu.version ? old : neu);
  }

  public void invalidate(UUID tenantId) {
    entries.invalidate(tenantId);
  }

  /** Entries held, expired ones dropped first. */
  public long size() {
    entries.cleanUp();
    return entries.estimatedSize();
  }

  private boolean young(Entry entry, Instant now) {
    return now.isBefore(entry.cachedAt.plus(ttl));
  }

  private static boolean validFor(Entry entry, Instant now, Duration validity) {
    return now.plus(validity).isBefore(entry.expiresAt);
  }

  private record Entry(long version, String accessToken, Instant expiresAt, Instant cachedAt) {
    @Override
    public String toString() {
      return "Entry[version " + version + "]";
    }
  }

  /** An entry lives until its token expires (the ticker's {@code now} is the clock's, in ns). */
  private static final class UntilTheTokenExpires implements Expiry<UUID, Entry> {

    @Override
    public long expireAfterCreate(UUID tenantId, Entry entry, long now) {
      return Math.max(0, entry.expiresAt.toEpochMilli() * 1_000_000L - now);
    }

    @Override
    public long expireAfterUpdate(UUID tenantId, Entry entry, long now, long remaining) {
      return expireAfterCreate(tenantId, entry, now);
    }

    @Override
    public long expireAfterRead(UUID tenantId, Entry entry, long now, long remaining) {
      return remaining;
    }
  }
}
