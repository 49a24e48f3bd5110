package io.tokenwarden.fleet;

import io.tokenwarden.infrastructure.crypto.KeyRing;
import io.tokenwarden.infrastructure.crypto.SecretHash;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.crypto.TokenColumn;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A refresh storm: {@code count} tenants, each connected to an emulator user of its own through a
 * grant minted by the control API and stored encrypted with the fleet's key, as the connect flow
 * would store it. Their access tokens live as long as the emulator issues them (60 s in the fleet)
 * and are spread over that lifetime, so the nodes refresh all of them once a minute, continuously.
 * Also registers a TOKEN API key for all tenants, for hand-outs.
 */
final class Storm {

  /** A TOKEN key for every tenant; stored hashed like every key. */
  static final String TOKEN_KEY = "tw_fleet-it-token-key-0123456789abcdef";

  private static final String INSERT_TENANT =
      "INSERT INTO tenant (id, slug, display_name, created_at) VALUES (?, ?, ?, ?)";

  private static final String INSERT_CONNECTION =
      "INSERT INTO freeagent_connection (id, tenant_id, status, access_token_ciphertext,"
          + " access_expires_at, refresh_token_ciphertext, refresh_expires_at, token_version,"
          + " next_refresh_at, last_success_at, consecutive_failures, company_id, company_name,"
          + " company_subdomain, user_email, user_permission_level, created_at, updated_at)"
          + " VALUES (?, ?, 'CONNECTED', ?, ?, ?, ?, 1, ?, NULL, 0, ?, ?, ?, ?, 8, ?, ?)";

  final List<String> slugs = new ArrayList<>();

  private Storm() {}

  /**
   * Seeds the storm; the first refreshes fall due within {@code lifetimeSeconds} less the lead (the
   * nodes refresh 10–15 s before expiry).
   */
  static Storm seed(
      Emulator emulator, FleetDatabase database, TokenCipher cipher, String scenario, int count) {
    String prefix = scenario.toLowerCase(Locale.ROOT); // a slug is lower case (TenantSlug)
    long firstUser = emulator.createUsers(count, prefix);
    JsonObject[] grants = mint(emulator, firstUser, count);
    Storm storm = new Storm();
    Instant now = Instant.now();
    List<Object[]> tenants = new ArrayList<>();
    List<Object[]> connections = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      UUID tenantId = UUID.randomUUID();
      String slug = prefix + "-" + (firstUser + i);
      storm.slugs.add(slug);
      JsonObject grant = grants[i];
      long lifetime = grant.getJsonNumber("expires_in").longValue();
      Instant expires =
          now.plusSeconds(ThreadLocalRandom.current().nextLong(lifetime / 3, lifetime));
      tenants.add(new Object[] {tenantId, slug, "Fleet " + slug, at(now)});
      connections.add(
          new Object[] {
            UUID.randomUUID(),
            tenantId,
            cipher.encrypt(tenantId, TokenColumn.ACCESS_TOKEN, grant.getString("access_token")),
            at(expires),
            cipher.encrypt(tenantId, TokenColumn.REFRESH_TOKEN, grant.getString("refresh_token")),
            at(now.plusSeconds(grant.getJsonNumber("refresh_token_expires_in").longValue())),
            at(expires.minusSeconds(12)),
            "fleet-" + (firstUser + i),
            "Fleet company " + (firstUser + i),
            "fleet" + (firstUser + i),
            prefix + "-u" + (firstUser + i) + "@sandbox.example",
            at(now),
            at(now)
          });
    }
    database.batch(INSERT_TENANT, tenants);
    database.batch(INSERT_CONNECTION, connections);
    database.execute(
        "INSERT INTO api_client (id, name, kind, key_hash, key_prefix, created_at) VALUES ('"
            + UUID.randomUUID()
            + "', 'fleet-it', 'TOKEN', '"
            + SecretHash.of(TOKEN_KEY)
            + "', '"
            + TOKEN_KEY.substring(0, 10)
            + "', CURRENT_TIMESTAMP)");
    return storm;
  }

  static TokenCipher cipher(String keys) {
    return new TokenCipher(KeyRing.parse(keys, null));
  }

  private static JsonObject[] mint(Emulator emulator, long firstUser, int count) {
    JsonObject[] grants = new JsonObject[count];
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> minted = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        minted.add(pool.submit(() -> grants[index] = emulator.mintGrant(firstUser + index)));
      }
      for (Future<?> future : minted) {
        future.get();
      }
      return grants;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("Minting grants failed", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
