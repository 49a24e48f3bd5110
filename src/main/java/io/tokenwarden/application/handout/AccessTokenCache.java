package io.tokenwarden.application.handout;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * This node's cache of decrypted access tokens, keyed by tenant and {@code token_version}. An entry
 * is served only while (a) it is younger than the TTL, counted from its read or from the last poll
 * of the change watch that confirmed it ({@link ChangeCoverage}, ADR 0028), and (b) its token keeps
 * at least the minimum validity; so it can never hand out a token past expiry, and a newer version
 * stored by another node is picked up within the TTL (ADR 0021) or at the watch's next poll. A
 * local refresh replaces the entry at once; an older version never replaces a newer one. While the
 * database cannot answer, {@link #whileStoreAway} serves an entry past its TTL as long as (b)
 * holds: no newer version can be read then, and the token FreeAgent issued is still good (ADR
 * 0024). That holds too for an entry the watch saw superseded by a refresh elsewhere: the older
 * access token stays good until its expiry, and while the database is away it is the best token
 * this node can have.
 *
 * <p>An entry leaves memory when its token expires, whether or not anyone asks for it again: a
 * decrypted token is not kept past its use, and the heap holds the tenants asked for within one
 * token lifetime, not every tenant ever asked for (P6 in docs/BENCHMARKS.md).
 */
public final class AccessTokenCache {

  private final Duration ttl;
  private final Duration minimumValidity;
  private final ChangeCoverage coverage;
  private final Cache<UUID, Entry> entries;

  /** A cache whose entries live by their TTL alone (no change watch). */
  public AccessTokenCache(Duration ttl, Duration minimumValidity, Clock clock) {
    this(ttl, minimumValidity, ChangeCoverage.never(), clock);
  }

  /**
   * @param coverage the change watch's progress, which keeps entries it confirmed trusted
   * @param clock the time the cache's expiry runs on; the callers' {@code now} comes from it too
   */
  public AccessTokenCache(
      Duration ttl, Duration minimumValidity, ChangeCoverage coverage, Clock clock) {
    this.ttl = ttl;
    this.minimumValidity = minimumValidity;
    this.coverage = coverage;
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
    if (!pastTtl && (entry.superseded || !young(entry, now))) {
      // Kept, not removed: it may still be served if the database turns out to be away.
      return Optional.empty();
    }
    if (!validFor(entry, now, validity)) {
      return Optional.empty();
    }
    return Optional.of(new HandedOutToken(entry.accessToken, entry.expiresAt));
  }

  /**
   * Remembers a token stored at {@code now} whose row's {@code updated_at} is not known here,
   * unless a newer version is cached; the change watch supersedes it at its first sight of the row,
   * after which the next hand-out reads the row once.
   */
  public void put(UUID tenantId, long version, String token, Instant expiresAt, Instant now) {
    put(tenantId, new RowState(version, null), token, expiresAt, now);
  }

  /**
   * Remembers a token from the row in {@code state}, read by a transaction that began at {@code
   * readAt}, unless a newer version is cached.
   */
  public void put(UUID tenantId, RowState state, String token, Instant expiresAt, Instant readAt) {
    if (!readAt.isBefore(expiresAt)) {
      return;
    }
    entries
        .asMap()
        .compute(
            tenantId,
            (id, old) -> {
              if (old != null && old.state.version() > state.version()) {
                return old;
              }
              // Read here, atomically with the insertion, so a later poll's check cannot pass it
              // by.
              return new Entry(state, token, expiresAt, readAt, coverage.latest(), false);
            });
  }

  /**
   * Compares the tenant's entry with the row state the change watch just read. An entry from that
   * state (or a newer version) stays as it was. Otherwise another node refreshed or marked the row
   * meanwhile: when the row is still {@code inService} the entry is kept as superseded, never
   * served while the database answers (the next hand-out reads the row) but still the answer while
   * it cannot ({@link #whileStoreAway}); when the row left service (disconnected, needs a
   * reconnect) the entry goes.
   */
  public void reconcile(UUID tenantId, RowState seen, boolean inService) {
    entries
        .asMap()
        .computeIfPresent(
            tenantId,
            (id, entry) -> {
              if (!entry.state.outdatedBy(seen)) {
                return entry;
              }
              return inService ? entry.asSuperseded() : null;
            });
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
    return now.isBefore(coverage.confirmedThrough(entry.atInsert, entry.readAt).plus(ttl));
  }

  private static boolean validFor(Entry entry, Instant now, Duration validity) {
    return now.plus(validity).isBefore(entry.expiresAt);
  }

  /**
   * What identifies a connection row's state: its token version and {@code updated_at} (null when
   * not known, for a pair this node just stored). Every change a hand-out cares about moves {@code
   * updated_at}; a refresh also moves the version.
   */
  public record RowState(long version, Instant updatedAt) {

    public RowState {
      // The databases keep microseconds; the clock may have given more.
      updatedAt = updatedAt == null ? null : updatedAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** True when {@code seen}, read later from the database, is not this state nor an older one. */
    boolean outdatedBy(RowState seen) {
      if (seen.version != version) {
        return seen.version > version;
      }
      return updatedAt == null || !updatedAt.equals(seen.updatedAt);
    }
  }

  private record Entry(
      RowState state,
      String accessToken,
      Instant expiresAt,
      Instant readAt,
      ChangeCoverage.Poll atInsert,
      boolean superseded) {

    Entry asSuperseded() {
      return new Entry(state, accessToken, expiresAt, readAt, atInsert, true);
    }

    @Override
    public String toString() {
      return "Entry[version " + state.version() + "]";
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
