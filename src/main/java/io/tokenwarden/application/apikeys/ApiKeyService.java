package io.tokenwarden.application.apikeys;

import io.tokenwarden.application.StoreUnavailableException;
import io.tokenwarden.domain.ApiClient;
import io.tokenwarden.domain.ApiKeyKind;
import io.tokenwarden.infrastructure.crypto.SecretHash;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Issues, checks and revokes API keys. A key is {@code tw_} plus 256 random bits; only its SHA-256
 * is stored, so a leaked database yields no usable key. Last use is written at most once a minute
 * per key, so authentication stays off the write path of a busy hand-out.
 */
@ApplicationScoped
public class ApiKeyService {

  static final String PREFIX = "tw_";
  private static final Logger LOG = Logger.getLogger(ApiKeyService.class.getName());
  private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

  @Inject TenantScope scope;

  @Inject Clock clock;

  @Inject
  @ConfigProperty(name = "tokenwarden.api.key-cache-ttl", defaultValue = "PT30S")
  Duration keyCacheTtl;

  /** Bounded: a flood of made-up keys cannot grow it past this. */
  private static final int KNOWN_KEYS_LIMIT = 10_000;

  private final Map<String, KnownKey> knownKeys = new ConcurrentHashMap<>();

  /** The read in flight per key hash, which concurrent callers of the same key join. */
  private final Map<String, CompletableFuture<Optional<ApiClient>>> loading =
      new ConcurrentHashMap<>();

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  /** Issues a key that lives until revoked, for a caller the log cannot name (tests, scripts). */
  public IssuedApiKey issue(String name, ApiKeyKind kind, UUID scopeTenantId) {
    return issue(name, kind, scopeTenantId, null, "an operator");
  }

  /**
   * Issues a key; the plain key exists only in the answer. Logged with its name, kind and id (never
   * the key or its prefix) and who asked.
   *
   * @param expiresAt null: until revoked
   * @param actor who asked ("console user alice", "API key ci")
   * @throws IllegalArgumentException with a message for a person (name, scope, expiry)
   */
  public IssuedApiKey issue(
      String name, ApiKeyKind kind, UUID scopeTenantId, Instant expiresAt, String actor) {
    String plain = PREFIX + SecretHash.newSecret();
    ApiClient client =
        new ApiClient(
            name,
            kind,
            SecretHash.of(plain),
            plain.substring(0, 10),
            scopeTenantId,
            clock.instant(),
            expiresAt);
    scope.asRoot(() -> em.persist(client));
    LOG.info(
        () ->
            "API key '"
                + client.name()
                + "' ("
                + client.kind()
                + ", id "
                + client.id()
                + (expiresAt == null ? "" : ", expires " + expiresAt)
                + ") issued by "
                + actor);
    return new IssuedApiKey(client, plain);
  }

  /**
   * Registers a key chosen by the operator (configuration) as an ADMIN key named {@code name},
   * unless a key with the same hash exists already, revoked or not: a revoked bootstrap key stays
   * revoked.
   *
   * @return true when the key was created now
   * @throws IllegalArgumentException when the key does not look like a Token Warden key
   */
  public boolean registerAdminKey(String name, String plainKey) {
    if (plainKey == null
        || !plainKey.startsWith(PREFIX)
        || plainKey.length() < 24
        || plainKey.length() > 100) {
      throw new IllegalArgumentException(
          "An admin key must start with '" + PREFIX + "' and be 24 to 100 characters long.");
    }
    String hash = SecretHash.of(plainKey);
    return scope.asRoot(
        () -> {
          boolean exists =
              !em.createQuery("select c.id from ApiClient c where c.keyHash = :hash", UUID.class)
                  .setParameter("hash", hash)
                  .getResultList()
                  .isEmpty();
          if (exists) {
            return false;
          }
          em.persist(
              new ApiClient(
                  name, ApiKeyKind.ADMIN, hash, plainKey.substring(0, 10), null, clock.instant()));
          return true;
        });
  }

  /**
   * The live (not revoked) client a presented key belongs to. Answers come from a per-node cache
   * for {@code tokenwarden.api.key-cache-ttl} so the hand-out's hot path needs no database; a
   * revocation takes effect at once on the node that revoked and within that TTL elsewhere. Past
   * the TTL a live key's answer still stands while the database cannot answer (then no revocation
   * can be read anyway); a "no such key" answer does not.
   *
   * @throws StoreUnavailableException when no live answer for the key is in memory and the database
   *     cannot answer (nothing is remembered then)
   */
  public Optional<ApiClient> authenticate(String presentedKey) {
    if (presentedKey == null || !presentedKey.startsWith(PREFIX) || presentedKey.length() > 100) {
      return Optional.empty();
    }
    String hash = SecretHash.of(presentedKey);
    Instant now = clock.instant();
    KnownKey known = knownKeys.get(hash);
    if (known != null && known.validUntil().isAfter(now)) {
      // An expiry passes without a write: check it on every use, cached or not.
      return Optional.ofNullable(known.client()).filter(c -> c.isLiveAt(now));
    }
    try {
      return loadOnce(hash, now);
    } catch (StoreUnavailableException e) {
      if (known != null && known.client() != null) {
        // The database is away: no revocation can have been read either (ADR 0024).
        return Optional.of(known.client());
      }
      throw e;
    }
  }

  /**
   * Reads a key's answer and remembers it for the TTL. Callers presenting the same key meanwhile
   * wait for that one read instead of each reading: when a busy key's answer ran out, every request
   * in flight missed at once (P3: about 19 reads, and as many last-used updates, per expiry).
   */
  private Optional<ApiClient> loadOnce(String hash, Instant now) {
    CompletableFuture<Optional<ApiClient>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<ApiClient>> running = loading.putIfAbsent(hash, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
    try {
      Optional<ApiClient> loaded =
          StoreUnavailableException.translating(() -> loadAndTouch(hash, now));
      if (knownKeys.size() >= KNOWN_KEYS_LIMIT) {
        knownKeys.clear();
      }
      knownKeys.put(hash, new KnownKey(loaded.orElse(null), now.plus(keyCacheTtl)));
      mine.complete(loaded);
      return loaded;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loading.remove(hash, mine);
    }
  }

  private Optional<ApiClient> loadAndTouch(String hash, Instant now) {
    return scope.asRoot(
        () -> {
          List<ApiClient> found =
              em.createQuery("select c from ApiClient c where c.keyHash = :hash", ApiClient.class)
                  .setParameter("hash", hash)
                  .getResultList();
          if (found.isEmpty() || !found.get(0).isLiveAt(now)) {
            return Optional.<ApiClient>empty();
          }
          ApiClient client = found.get(0);
          if (client.lastUsedAt() == null
              || client.lastUsedAt().plus(LAST_USED_GRANULARITY).isBefore(now)) {
            client.usedAt(now);
          }
          return Optional.of(client);
        });
  }

  /** A cached answer for one key hash; a null client caches "no such live key". */
  private record KnownKey(ApiClient client, Instant validUntil) {}

  public List<ApiClient> list() {
    return scope.asRoot(
        () ->
            em.createQuery("select c from ApiClient c order by c.createdAt desc", ApiClient.class)
                .getResultList());
  }

  /** Revokes a key for a caller the log cannot name. */
  public boolean revoke(UUID id) {
    return revoke(id, "an operator");
  }

  /**
   * Revokes a key at once on this node (within {@code key-cache-ttl} on the others); logged with
   * the key's name and who asked. Revoking a revoked key changes nothing.
   *
   * @return false when there is no such key
   */
  public boolean revoke(UUID id, String actor) {
    Optional<ApiClient> revoked =
        scope.asRoot(
            () -> {
              ApiClient client = em.find(ApiClient.class, id);
              if (client == null) {
                return Optional.<ApiClient>empty();
              }
              client.revoke(clock.instant());
              knownKeys.remove(client.keyHash());
              return Optional.of(client);
            });
    revoked.ifPresent(
        client ->
            LOG.info(() -> "API key '" + client.name() + "' (id " + id + ") revoked by " + actor));
    return revoked.isPresent();
  }
}
