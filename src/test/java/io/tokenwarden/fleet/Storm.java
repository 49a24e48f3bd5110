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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A refresh storm: {@code count} tenants, each connected to an emulator user of its own through a
 * grant minted by the control API and stored encrypted with the fleet's key, as the connect flow
 * would store it. Their access tokens live as long as the emulator issues them (60 s in the fleet)
 * and are spread over that lifetime, so the nodes refresh all of them once a minute, continuously;
 * a scenario that needs other expiries passes its own {@link Timing}. Also registers a TOKEN API
 * key for all tenants, for hand-outs.
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

  /**
   * The storm's usual timing: each stored access token expires at a random point between a third of
   * the emulator's lifetime and all of it, and falls due 12 s before (the nodes' lead is 10 s).
   */
  static final Timing SPREAD =
      new Timing() {
        @Override
        public Instant expiry(int index, Instant now, long lifetimeSeconds) {
          return now.plusSeconds(
              ThreadLocalRandom.current().nextLong(lifetimeSeconds / 3, lifetimeSeconds));
        }

        @Override
        public Instant due(int index, Instant now, Instant expiry) {
          return expiry.minusSeconds(12);
        }
      };

  final List<String> slugs = new ArrayList<>();

  /** The access-token expiry each tenant was seeded with, by slug. */
  final Map<String, Instant> seededExpiries = new LinkedHashMap<>();

  private Storm() {}

  /**
   * When a seeded tenant's stored access token expires and when the nodes first find it due, given
   * the instant the grants were minted ({@code now}) and the emulator's access-token lifetime.
   */
  interface Timing {
    Instant expiry(int index, Instant now, long lifetimeSeconds);

    Instant due(int index, Instant now, Instant expiry);
  }

  /**
   * Seeds the storm; the first refreshes fall due within {@code lifetimeSeconds} less the lead (the
   * nodes refresh 10–15 s before expiry).
   */
  static Storm seed(
      Emulator emulator, FleetDatabase database, TokenCipher cipher, String scenario, int count) {
    return seed(emulator, database, cipher, scenario, count, SPREAD);
  }

  /** Seeds {@code count} tenants whose stored expiries and first due times {@code timing} sets. */
  static Storm seed(
      Emulator emulator,
      FleetDatabase database,
      TokenCipher cipher,
      String scenario,
      int count,
      Timing timing) {
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
      Instant expires = timing.expiry(i, now, lifetime);
      storm.seededExpiries.put(slug, expires);
      tenants.add(new Object[] {tenantId, slug, "Fleet " + slug, at(now)});
      connections.add(
          new Object[] {
            UUID.randomUUID(),
            tenantId,
            cipher.encrypt(tenantId, TokenColumn.ACCESS_TOKEN, grant.getString("access_token")),
            at(expires),
            cipher.encrypt(tenantId, TokenColumn.REFRESH_TOKEN, grant.getString("refresh_token")),
            at(now.plusSeconds(grant.getJsonNumber("refresh_token_expires_in").longValue())),
            at(timing.due(i, now, expires)),
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
