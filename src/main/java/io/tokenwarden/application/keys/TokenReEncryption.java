package io.tokenwarden.application.keys;

import io.tokenwarden.application.TenantLabels;
import io.tokenwarden.application.refresh.SqlValues;
import io.tokenwarden.application.webhooks.WebhookSecretKeys;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.infrastructure.crypto.CryptoSettings;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.crypto.TokenColumn;
import io.tokenwarden.infrastructure.crypto.TokenDecryptionException;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperties;

/**
 * Re-seals stored tokens under the primary key after a key rotation, so the old key can be removed.
 * It runs in the cluster-once maintenance job and from the console; any number of runs may overlap
 * because each batch takes its rows with {@code FOR UPDATE SKIP LOCKED} in its own short
 * transaction. A refresh storing its new pair holds the same row lock, so the two never interleave:
 * the batch re-seals whatever the row holds when it gets the lock, and the token version does not
 * move, so a refresh in flight still stores its newer pair afterwards (ADR 0051).
 */
@ApplicationScoped
public class TokenReEncryption {

  @Inject TenantLabels labels;

  private static final Logger LOG = Logger.getLogger(TokenReEncryption.class.getName());

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject TenantScope scope;

  @Inject TokenCipher cipher;

  @Inject @ConfigProperties CryptoSettings settings;

  @Inject Clock clock;

  @Inject WebhookSecretKeys webhookSecrets;

  /**
   * Re-seals batches until none is left or {@code budget} has passed, then the webhook endpoints'
   * signing secrets (a handful of rows, one transaction); returns how many connections were
   * re-sealed. A row another transaction holds is skipped and found again by a later pass; a row no
   * configured key opens is logged and passed over, never allowed to hold the others back.
   */
  public int run(Duration budget) {
    Instant deadline = clock.instant().plus(budget);
    int total = 0;
    Batch batch = new Batch(0, 0, null);
    do {
      batch = reEncryptBatch(batch.lastId());
      total += batch.resealed();
    } while (batch.seen() > 0 && clock.instant().isBefore(deadline));
    if (total > 0) {
      int resealed = total;
      LOG.info(
          () -> "Re-encrypted the tokens of " + resealed + " connections under key " + primary());
    }
    int endpoints = webhookSecrets.resealSecrets();
    if (endpoints > 0) {
      LOG.info(
          () ->
              "Re-encrypted the secrets of " + endpoints + " webhook endpoints under " + primary());
    }
    return total;
  }

  /** One pass within the configured budget ({@code tokenwarden.crypto.reencrypt.budget}). */
  public int run() {
    return run(settings.reencryptBudget());
  }

  /**
   * One transaction: the next batch (by id, after {@code after}) of connections with a token under
   * an older key, re-sealed under the primary.
   */
  Batch reEncryptBatch(UUID after) {
    String prefix = TokenCipher.storedPrefix(primary());
    return scope.asRoot(
        () -> {
          // Cross-tenant by design: key rotation covers every tenant's row.
          Query query =
              em.createNativeQuery(
                      "SELECT id FROM freeagent_connection WHERE "
                          + underOlderKey()
                          + (after == null ? "" : " AND id > :after")
                          + " ORDER BY id LIMIT :batch FOR UPDATE SKIP LOCKED")
                  .setParameter("prefix", prefix)
                  .setParameter("length", prefix.length())
                  .setParameter("batch", settings.reencryptBatch());
          if (after != null) {
            query.setParameter("after", after);
          }
          @SuppressWarnings("unchecked")
          List<Object> ids = query.getResultList();
          Instant now = clock.instant();
          int resealed = 0;
          UUID last = after;
          for (Object id : ids) {
            last = SqlValues.uuid(id);
            FreeAgentConnection connection = em.find(FreeAgentConnection.class, last);
            if (reseal(connection, now)) {
              resealed++;
            }
          }
          return new Batch(ids.size(), resealed, last);
        });
  }

  private boolean reseal(FreeAgentConnection connection, Instant now) {
    UUID tenant = connection.tenantId();
    try {
      connection.resealed(
          reseal(tenant, TokenColumn.ACCESS_TOKEN, connection.accessTokenCiphertext()),
          reseal(tenant, TokenColumn.REFRESH_TOKEN, connection.refreshTokenCiphertext()),
          now);
      return true;
    } catch (TokenDecryptionException e) {
      // The key it names is not configured (removed too early?): the row stays as it is, and
      // the console keeps counting it under an older key.
      LOG.warning(
          () ->
              "Tenant "
                  + labels.of(tenant)
                  + ": a stored token cannot be re-encrypted: "
                  + e.getMessage()
                  + ". Configure the key it names again.");
      return false;
    }
  }

  /** What one transaction saw: rows taken, rows re-sealed, and the last id (the next cursor). */
  record Batch(int seen, int resealed, UUID lastId) {}

  /** The stored keys as they stand: connections with tokens, and those still under older keys. */
  public KeyUsage usage() {
    String prefix = TokenCipher.storedPrefix(primary());
    return scope.asRoot(
        () -> {
          // Cross-tenant: counts every tenant's connections, no token leaves the database.
          Object[] counts =
              (Object[])
                  em.createNativeQuery(
                          "SELECT COUNT(*), COALESCE(SUM(CASE WHEN "
                              + underOlderKey()
                              + " THEN 1 ELSE 0 END), 0) FROM freeagent_connection"
                              + " WHERE access_token_ciphertext IS NOT NULL"
                              + " OR refresh_token_ciphertext IS NOT NULL")
                      .setParameter("prefix", prefix)
                      .setParameter("length", prefix.length())
                      .getSingleResult();
          // A webhook secret under an older key holds its key as much as a token does.
          return new KeyUsage(
              primary(),
              cipher.keyIds(),
              ((Number) counts[0]).longValue() + webhookSecrets.count(),
              ((Number) counts[1]).longValue() + webhookSecrets.underOlderKeys());
        });
  }

  private String reseal(UUID tenantId, TokenColumn column, String stored) {
    return stored == null ? null : cipher.reseal(tenantId, column, stored);
  }

  private String primary() {
    return cipher.primaryKeyId();
  }

  /**
   * Rows with a token not written under the primary key. LEFT() rather than LIKE: key ids may hold
   * '_', a LIKE wildcard.
   */
  private static String underOlderKey() {
    return "((access_token_ciphertext IS NOT NULL"
        + " AND LEFT(access_token_ciphertext, :length) <> :prefix)"
        + " OR (refresh_token_ciphertext IS NOT NULL"
        + " AND LEFT(refresh_token_ciphertext, :length) <> :prefix))";
  }
}
