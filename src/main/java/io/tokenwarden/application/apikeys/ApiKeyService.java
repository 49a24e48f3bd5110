package io.tokenwarden.application.apikeys;

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
import java.util.Optional;
import java.util.UUID;

/**
 * Issues, checks and revokes API keys. A key is {@code tw_} plus 256 random bits; only its SHA-256
 * is stored, so a leaked database yields no usable key. Last use is written at most once a minute
 * per key, so authentication stays off the write path of a busy hand-out.
 */
@ApplicationScoped
public class ApiKeyService {

  static final String PREFIX = "tw_";
  private static final Duration LAST_USED_GRANULARITY = Duration.ofMinutes(1);

  @Inject TenantScope scope;

  @Inject Clock clock;

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  public IssuedApiKey issue(String name, ApiKeyKind kind, UUID scopeTenantId) {
    String plain = PREFIX + SecretHash.newSecret();
    ApiClient client =
        new ApiClient(
            name,
            kind,
            SecretHash.of(plain),
            plain.substring(0, 10),
            scopeTenantId,
            clock.instant());
    scope.asRoot(() -> em.persist(client));
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

  /** The live (not revoked) client a presented key belongs to. */
  public Optional<ApiClient> authenticate(String presentedKey) {
    if (presentedKey == null || !presentedKey.startsWith(PREFIX) || presentedKey.length() > 100) {
      return Optional.empty();
    }
    String hash = SecretHash.of(presentedKey);
    return scope.asRoot(
        () -> {
          List<ApiClient> found =
              em.createQuery("select c from ApiClient c where c.keyHash = :hash", ApiClient.class)
                  .setParameter("hash", hash)
                  .getResultList();
          if (found.isEmpty() || found.get(0).isRevoked()) {
            return Optional.<ApiClient>empty();
          }
          ApiClient client = found.get(0);
          Instant now = clock.instant();
          if (client.lastUsedAt() == null
              || client.lastUsedAt().plus(LAST_USED_GRANULARITY).isBefore(now)) {
            client.usedAt(now);
          }
          return Optional.of(client);
        });
  }

  public List<ApiClient> list() {
    return scope.asRoot(
        () ->
            em.createQuery("select c from ApiClient c order by c.createdAt desc", ApiClient.class)
                .getResultList());
  }

  /** Revokes a key at once; returns false when there is no such key. */
  public boolean revoke(UUID id) {
    return scope.asRoot(
        () -> {
          ApiClient client = em.find(ApiClient.class, id);
          if (client == null) {
            return false;
          }
          client.revoke(clock.instant());
          return true;
        });
  }
}
