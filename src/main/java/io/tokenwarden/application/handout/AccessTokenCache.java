package io.tokenwarden.application.handout;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's cache of decrypted access tokens, keyed by tenant and {@code token_version}. An entry
 * is served only while (a) it is younger than the TTL and (b) its token keeps at least the minimum
 * validity; so it can never hand out a token past expiry, and a newer version stored by another
 * node is picked up within the TTL (ADR 0021). A local refresh replaces the entry at once; an older
 * version never replaces a newer one. While the database cannot answer, {@link #whileStoreAway}
 * serves an entry past its TTL as long as (b) holds: no newer version can be read then, and the
 * token FreeAgent issued is still good (ADR 0024).
 */
public final class AccessTokenCache {

  private final Duration ttl;
  private final Duration minimumValidity;
  private final ConcurrentHashMap<UUID, Entry> entries = new ConcurrentHashMap<>();

  public AccessTokenCache(Duration ttl, Duration minimumValidity) {
    this.ttl = ttl;
    this.minimumValidity = minimumValidity;
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
    Entry entry = entries.get(tenantId);
    if (entry == null) {
      return Optional.empty();
    }
    if (!validFor(entry, now, Duration.ZERO)) {
      entries.remove(tenantId, entry);
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
    entries.merge(tenantId, fresh, (old, neu) -> old.version > neu.version ? old : neu);
  }

  public void invalidate(UUID tenantId) {
    entries.remove(tenantId);
  }

  public int size() {
    return entries.size();
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
}
