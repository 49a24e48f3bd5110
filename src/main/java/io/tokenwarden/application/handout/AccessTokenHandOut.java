package io.tokenwarden.application.handout;

import io.tokenwarden.application.StoreUnavailableException;
import io.tokenwarden.application.TenantLabels;
import io.tokenwarden.application.refresh.ProviderStateStore;
import io.tokenwarden.application.refresh.RefreshMetrics;
import io.tokenwarden.application.refresh.RefreshResult;
import io.tokenwarden.application.refresh.RefreshService;
import io.tokenwarden.application.refresh.RefreshSettings;
import io.tokenwarden.application.refresh.TokenPairStored;
import io.tokenwarden.application.refresh.TokenSealer;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.HandOutValidity;
import io.tokenwarden.domain.RefreshSchedulePolicy;
import io.tokenwarden.domain.RefreshTiming;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.domain.TenantSlug;
import io.tokenwarden.infrastructure.persistence.FreeAgentConnections;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import io.tokenwarden.infrastructure.persistence.Tenants;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Hands out a tenant's access token. Fresh path: this node's slug and token caches, no database, no
 * provider. Else the stored token if it keeps the minimum validity; else an on-demand refresh
 * through {@link RefreshService} (which joins a refresh already running anywhere), then whatever
 * valid token exists. A refresh the scheduler would hold back (backoff after failures, FreeAgent's
 * Retry-After, the provider-wide pause and the fleet's admission after it, an open circuit) is not
 * started on demand either. Only when no valid token is left does the caller get an error with a
 * time to come back; when the database cannot answer, a {@link StoreUnavailableException}.
 */
@ApplicationScoped
public class AccessTokenHandOut {

  @Inject TenantScope scope;

  @Inject TokenSealer sealer;

  @Inject FreeAgentConnections connections;

  @Inject Tenants tenants;

  @Inject RefreshService refreshes;

  @Inject RefreshSchedulePolicy policy;

  @Inject RefreshTiming timing;

  @Inject RefreshMetrics metrics;

  @Inject ProviderStateStore providerStates;

  @Inject TenantLabels labels;

  @Inject Clock clock;

  /** Where a hand-out that waited goes on once the refresh is over (short work: read, decrypt). */
  @Resource(lookup = "java:comp/DefaultManagedExecutorService")
  Executor afterWait;

  @Inject @ConfigProperties HandOutSettings handOutSettings;

  @Inject @ConfigProperties RefreshSettings settings;

  /** How long "no tenant has this slug" is believed: short, a tenant may be created elsewhere. */
  private static final Duration UNKNOWN_SLUG_TTL = Duration.ofSeconds(2);

  /**
   * Well above the 100,000 tenants a node carries; made-up slugs beyond it evict the least used.
   */
  private static final long SLUG_CACHE_SIZE = 200_000;

  private AccessTokenCache cache;

  private TenantSlugCache slugs;

  private ChangeCoverage coverage;

  private final ConnectionNotes notes = new ConnectionNotes();

  private HandOutValidity validity;

  /** How long before the refresh token's expiry a hand-out warns. */
  Duration refreshTokenWarning;

  @PostConstruct
  void init() {
    validity = handOutSettings.validity(timing.minimumValidity());
    Duration cacheTtl = handOutSettings.cacheTtl();
    refreshTokenWarning = settings.refreshTokenWarning();
    // With the watch off (PT0S) no poll ever advances it: entries live by their TTL alone.
    coverage = new ChangeCoverage(handOutSettings.changeWatch());
    cache = new AccessTokenCache(cacheTtl, timing.minimumValidity(), coverage, clock);
    Duration unknownTtl = cacheTtl.compareTo(UNKNOWN_SLUG_TTL) < 0 ? cacheTtl : UNKNOWN_SLUG_TTL;
    slugs = new TenantSlugCache(cacheTtl, unknownTtl, SLUG_CACHE_SIZE, coverage, clock);
  }

  /**
   * The id of the tenant with {@code slug}, trusted for the cache TTL like a cached token (ADR
   * 0021), so a fresh hand-out reads nothing from the database.
   *
   * @throws StoreUnavailableException when the slug is not in memory and the database cannot answer
   */
  public Optional<UUID> tenantIdFor(String slug) {
    if (slug == null || TenantSlug.problemWith(slug) != null) {
      return Optional.empty();
    }
    return slugs.tenantId(
        slug,
        s ->
            StoreUnavailableException.translating(
                () ->
                    scope.asRoot(
                        () ->
                            tenants
                                .bySlug(s)
                                .map(
                                    t -> {
                                      // Its log lines can name it without another query.
                                      labels.remember(t);
                                      return t.id();
                                    }))));
  }

  /** The largest validity a caller may ask for ({@code tokenwarden.handout.max-min-validity}). */
  public Duration maximumMinValidity() {
    return validity.maximum();
  }

  /** A hand-out with the configured minimum validity. */
  public CompletableFuture<HandOutAnswer> handOut(UUID tenantId) {
    return handOut(tenantId, null);
  }

  /**
   * The tenant's access token with the connection's status and warnings, now when the token is in
   * memory or stored with the demanded validity, later when a refresh must run or be waited for
   * first (the future then completes from the thread that finished the refresh's wait, never
   * blocking one meanwhile). The demanded validity is {@code requested} (or the configured
   * default), capped by {@link HandOutValidity} at a fraction of the token's lifetime. Each
   * hand-out is counted by outcome with its latency.
   *
   * @param requested the caller's minimum validity (at most {@link #maximumMinValidity()}), or null
   * @throws ConnectionNotUsableException when the connection is pending, disconnected or needs a
   *     reconnect (at once, or as the future's failure)
   * @throws TokenUnavailableException (as the future's failure) when no valid token is left and
   *     none can be had now
   * @throws StoreUnavailableException when the token is not in memory and the database cannot
   *     answer (at once, or as the future's failure)
   */
  public CompletableFuture<HandOutAnswer> handOut(UUID tenantId, Duration requested) {
    long started = System.nanoTime();
    CompletableFuture<HandOutAnswer> answer;
    try {
      answer = start(tenantId, requested);
    } catch (RuntimeException e) {
      metrics.handedOut(HandOutOutcome.of(e), Duration.ofNanos(System.nanoTime() - started));
      throw e;
    }
    answer.whenComplete(
        (done, failure) ->
            metrics.handedOut(
                HandOutOutcome.of(failure), Duration.ofNanos(System.nanoTime() - started)));
    return answer;
  }

  private CompletableFuture<HandOutAnswer> start(UUID tenantId, Duration requested) {
    Instant now = clock.instant();
    Optional<ConnectionNote> note = notes.get(tenantId);
    if (note.isPresent()) {
      Duration demanded = validity.demanded(requested, note.get().lifetime());
      var cached = cache.get(tenantId, now, demanded);
      if (cached.isPresent()) {
        metrics.handOutCache(true);
        return CompletableFuture.completedFuture(answer(cached.get(), note.get(), now));
      }
    }
    metrics.handOutCache(false);
    try {
      return StoreUnavailableException.translating(
          () -> handOutFromStore(tenantId, requested, now));
    } catch (StoreUnavailableException e) {
      // The database is away: a token past the cache TTL but still valid beats a 503 (ADR 0024).
      Optional<ConnectionNote> known = notes.get(tenantId);
      if (known.isEmpty()) {
        throw e;
      }
      Duration demanded = validity.demanded(requested, known.get().lifetime());
      return cache
          .whileStoreAway(tenantId, now, demanded)
          .map(token -> CompletableFuture.completedFuture(answer(token, known.get(), now)))
          .orElseThrow(() -> e);
    }
  }

  private CompletableFuture<HandOutAnswer> handOutFromStore(
      UUID tenantId, Duration requested, Instant now) {
    Stored stored = read(tenantId);
    Duration demanded = validity.demanded(requested, stored.note().lifetime());
    if (!policy.needsRefreshBeforeHandOut(now, stored.expiresAt(), demanded)) {
      return CompletableFuture.completedFuture(
          answer(decryptAndCache(tenantId, stored, now), stored.note(), now));
    }
    CompletableFuture<RefreshResult> refreshed =
        refreshes.refresh(tenantId, RefreshTrigger.ON_DEMAND, demanded);
    if (refreshed.isDone()) {
      // This caller ran the refresh (or was held back) itself: answer on its thread.
      return refreshed.handle(
          (result, failure) -> afterRefresh(tenantId, demanded, result, failure));
    }
    return refreshed.handleAsync(
        (result, failure) -> afterRefresh(tenantId, demanded, result, failure), afterWait);
  }

  /**
   * The answer for a token about to be served: with the note's status and warnings. A token past
   * its expiry is never served: it is counted ({@code tokenwarden.handout.expired.prevented}, an
   * alert when above 0) and the caller is told to come back.
   */
  HandOutAnswer answer(HandedOutToken token, ConnectionNote note, Instant now) {
    if (!token.expiresAt().isAfter(now)) {
      metrics.expiredHandOutPrevented();
      throw new TokenUnavailableException(
          "The only access token left has expired; none was handed out.",
          Duration.ofSeconds(1),
          false);
    }
    return new HandOutAnswer(
        token,
        note.status(),
        HandOutWarning.of(note, now, refreshTokenWarning, providerPausedUntil(now)));
  }

  private HandOutAnswer afterRefresh(
      UUID tenantId, Duration demanded, RefreshResult result, Throwable failure) {
    return StoreUnavailableException.translating(
        () -> {
          if (failure != null) {
            Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            if (cause instanceof RuntimeException runtime) {
              throw runtime;
            }
            throw new IllegalStateException(
                "The refresh failed: " + cause.getClass().getName(), null);
          }
          return afterRefresh(tenantId, demanded, result);
        });
  }

  private HandOutAnswer afterRefresh(UUID tenantId, Duration demanded, RefreshResult result) {
    Instant now = clock.instant();
    var again = cache.get(tenantId, now, demanded);
    Optional<ConnectionNote> note = notes.get(tenantId);
    if (again.isPresent() && note.isPresent()) {
      return answer(again.get(), note.get(), now);
    }
    Stored stored = read(tenantId);
    if (stored.expiresAt() != null && stored.expiresAt().isAfter(now)) {
      // Below the demanded validity but still valid: better than nothing while refreshing fails.
      return answer(decryptAndCache(tenantId, stored, now), stored.note(), now);
    }
    Instant retryAt =
        stored.retryAt() != null && stored.retryAt().isAfter(now) ? stored.retryAt() : now;
    if (result.notBefore() != null && result.notBefore().isAfter(retryAt)) {
      // Held back (backoff, throttle, pause, open circuit): no refresh starts before then.
      retryAt = result.notBefore();
    }
    boolean throttled =
        stored.status() == ConnectionStatus.THROTTLED
            || result.status() == ConnectionStatus.THROTTLED
            || providerPausedUntil(now) != null;
    throw new TokenUnavailableException(
        "No valid access token is left and none could be obtained now: " + result.message(),
        Duration.between(now, retryAt).plusSeconds(1),
        throttled);
  }

  /** The provider-wide pause's end as this node's last tick read it (no query), or null. */
  private Instant providerPausedUntil(Instant now) {
    Instant until = providerStates.lastRead().throttlePausedUntil();
    return until != null && until.isAfter(now) ? until : null;
  }

  /** A refresh on this node committed: serve its token from now on. */
  void onStored(@Observes TokenPairStored event) {
    notes.refreshed(event.tenantId(), event.accessExpiresAt(), clock.instant());
    cache.put(
        event.tenantId(),
        event.tokenVersion(),
        event.accessToken(),
        event.accessExpiresAt(),
        clock.instant());
  }

  /** The change watch's progress, which tells it which changes to read next. */
  public ChangeCoverage coverage() {
    return coverage;
  }

  /**
   * Applies one poll of the change watch that started at {@code pollStart}: supersedes every cached
   * token whose row changed since it was read (or drops it, when the row left service), forgets
   * deleted tenants with their slugs, and only then counts the poll as applied, which keeps every
   * entry it has checked trusted (ADR 0028).
   *
   * @return false when the poll began a new run of the watch (see {@link ChangeCoverage#applied})
   */
  public boolean applyChanges(ConnectionChanges changes, Instant pollStart) {
    changes.rows().forEach(row -> cache.reconcile(row.tenantId(), row.state(), row.inService()));
    changes
        .deletions()
        .forEach(
            deleted -> {
              // By its slug: forgetting by id alone would scan the whole slug cache per deletion.
              slugs.forget(deleted.slug(), deleted.tenantId());
              cache.invalidate(deleted.tenantId());
              notes.forget(deleted.tenantId());
            });
    return coverage.applied(pollStart);
  }

  /** Forgets the tenant's cached token and slug (disconnect, delete). */
  public void forget(UUID tenantId) {
    cache.invalidate(tenantId);
    notes.forget(tenantId);
    slugs.forget(tenantId);
  }

  /** Decrypts a token read by a transaction that began after {@code readAt}, and caches it. */
  private HandedOutToken decryptAndCache(UUID tenantId, Stored stored, Instant readAt) {
    String token = sealer.openAccessToken(tenantId, stored.ciphertext());
    cache.put(tenantId, stored.state(), token, stored.expiresAt(), readAt);
    return new HandedOutToken(token, stored.expiresAt());
  }

  private Stored read(UUID tenantId) {
    Stored stored =
        scope.asTenant(
            tenantId,
            () ->
                connections
                    .current()
                    .map(
                        c -> {
                          notes.remember(tenantId, c);
                          return new Stored(
                              c.status(),
                              c.accessTokenCiphertext(),
                              c.accessExpiresAt(),
                              new AccessTokenCache.RowState(c.tokenVersion(), c.updatedAt()),
                              retryAt(c),
                              ConnectionNote.of(c));
                        })
                    .orElseGet(
                        () -> {
                          // No connection row: the tenant was deleted, perhaps on another node.
                          // Its slug may already name a new tenant; look it up afresh next time.
                          slugs.forget(tenantId);
                          notes.forget(tenantId);
                          return new Stored(ConnectionStatus.PENDING, null, null, null, null, null);
                        }));
    if (!stored.status().isScheduled() || stored.ciphertext() == null) {
      throw new ConnectionNotUsableException(stored.status());
    }
    return stored;
  }

  private static Instant retryAt(FreeAgentConnection c) {
    return c.throttledUntil() != null ? c.throttledUntil() : c.nextRefreshAt();
  }

  private record Stored(
      ConnectionStatus status,
      String ciphertext,
      Instant expiresAt,
      AccessTokenCache.RowState state,
      Instant retryAt,
      ConnectionNote note) {
    @Override
    public String toString() {
      return "Stored[" + status + ", " + state + "]";
    }
  }
}
