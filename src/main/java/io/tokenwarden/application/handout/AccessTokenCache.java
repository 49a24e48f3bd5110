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
 * version never replaces a newer one.
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
    Entry entry = entries.get(tenantId);
    if (entry == null) {
      return Optional.empty();
    }
    if (!servable(entry, now)) {
      entries.remove(tenantId, entry);
      return Optional.empty();
    }
    return Optional.of(new HandedOutToken(entry.accessToken, entry.expiresAt));
  }

  /** Remembers a token read or stored at {@code now}, unless a newer version is cached. */
  public void put(UUID tenantId, long version, String token, Instant expiresAt, Instant now) {
    Entry fresh = new Entry(version, token, expiresAt, now);
    if (!servable(fresh, now)) {
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

  private boolean servable(Entry entry, Instant now) {
    return now.isBefore(entry.cachedAt.plus(ttl))
        && now.plus(minimumValidity).isBefore(entry.expiresAt);
  }

  private record Entry(long version, String accessToken, Instant expiresAt, Instant cachedAt) {
    @Override
    public String toString() {
      return "Entry[version " + version + "]";
    }
  }
}
