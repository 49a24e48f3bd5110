package io.tokenwarden.application.webhooks;

import io.tokenwarden.application.refresh.SqlValues;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.crypto.TokenColumn;
import io.tokenwarden.infrastructure.crypto.TokenDecryptionException;
import io.tokenwarden.infrastructure.persistence.TenantScope;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The webhook endpoints' signing secrets in an encryption-key rotation (ADR 0051): which are still
 * sealed under an older key, and re-sealing them under the primary, so an old key is neither
 * reported free nor removed while a webhook still needs it. Called by {@code TokenReEncryption}.
 */
@ApplicationScoped
public class WebhookSecretKeys {

  private static final Logger LOG = Logger.getLogger(WebhookSecretKeys.class.getName());

  /** LEFT() rather than LIKE: key ids may hold '_', a LIKE wildcard (as in TokenReEncryption). */
  private static final String UNDER_OLDER_KEY =
      "(LEFT(secret_ciphertext, :length) <> :prefix OR (previous_secret_ciphertext IS NOT NULL"
          + " AND LEFT(previous_secret_ciphertext, :length) <> :prefix))";

  @PersistenceContext(unitName = "tokenwarden")
  EntityManager em;

  @Inject TenantScope scope;

  @Inject TokenCipher cipher;

  /**
   * Re-seals, under the primary encryption key, the secrets of endpoints still sealed under an
   * older one (key rotation, ADR 0051): one short transaction, rows another one holds are skipped
   * and found again by the next pass. An endpoint no configured key opens is logged and left alone.
   *
   * @return the endpoints re-sealed
   */
  public int resealSecrets() {
    String prefix = TokenCipher.storedPrefix(cipher.primaryKeyId());
    return scope.asRoot(
        () -> {
          @SuppressWarnings("unchecked")
          List<Object[]> rows =
              em.createNativeQuery(
                      "SELECT id, secret_ciphertext, previous_secret_ciphertext"
                          + " FROM webhook_endpoint WHERE "
                          + UNDER_OLDER_KEY
                          + " ORDER BY id FOR UPDATE SKIP LOCKED")
                  .setParameter("prefix", prefix)
                  .setParameter("length", prefix.length())
                  .getResultList();
          int resealed = 0;
          for (Object[] row : rows) {
            UUID id = SqlValues.uuid(row[0]);
            try {
              String previous =
                  row[2] == null
                      ? null
                      : cipher.reseal(id, TokenColumn.WEBHOOK_SECRET, row[2].toString());
              jakarta.persistence.Query update =
                  em.createNativeQuery(
                          "UPDATE webhook_endpoint SET secret_ciphertext = :secret"
                              + (previous == null ? "" : ", previous_secret_ciphertext = :previous")
                              + " WHERE id = :id")
                      .setParameter(
                          "secret",
                          cipher.reseal(id, TokenColumn.WEBHOOK_SECRET, row[1].toString()))
                      .setParameter("id", id);
              if (previous != null) {
                update.setParameter("previous", previous);
              }
              update.executeUpdate();
              resealed++;
            } catch (TokenDecryptionException e) {
              LOG.warning(
                  () ->
                      "Webhook endpoint "
                          + id
                          + ": its secret cannot be re-encrypted: "
                          + e.getMessage()
                          + ". Configure the key it names again.");
            }
          }
          return resealed;
        });
  }

  /** How many endpoints exist (each holds a sealed secret). */
  public long count() {
    return scope.asRoot(
        () ->
            SqlValues.number(
                em.createNativeQuery("SELECT COUNT(*) FROM webhook_endpoint").getSingleResult()));
  }

  /** Endpoints with a secret still sealed under a key other than the primary. */
  public long underOlderKeys() {
    String prefix = TokenCipher.storedPrefix(cipher.primaryKeyId());
    return scope.asRoot(
        () ->
            SqlValues.number(
                em.createNativeQuery(
                        "SELECT COUNT(*) FROM webhook_endpoint WHERE " + UNDER_OLDER_KEY)
                    .setParameter("prefix", prefix)
                    .setParameter("length", prefix.length())
                    .getSingleResult()));
  }
}
