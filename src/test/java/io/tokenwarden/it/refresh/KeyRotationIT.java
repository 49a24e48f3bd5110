package io.tokenwarden.it.refresh;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.application.keys.KeyUsage;
import io.tokenwarden.application.keys.TokenReEncryption;
import io.tokenwarden.application.refresh.RefreshResult;
import io.tokenwarden.application.refresh.RefreshService;
import io.tokenwarden.application.webhooks.WebhookEndpoints;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.infrastructure.crypto.KeyRing;
import io.tokenwarden.infrastructure.crypto.TokenCipher;
import io.tokenwarden.infrastructure.crypto.TokenColumn;
import io.tokenwarden.it.refresh.ConnectedTenants.Connected;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Encryption-key rotation on the IT server, whose keys are it2 (primary) and it1 (older,
 * arquillian.xml): tokens sealed under it1 move to it2 with their values and token version
 * unchanged, the tenant still refreshes with the same refresh token, and a row a refresh is storing
 * at that moment is left for a later pass instead of being raced.
 */
@ExtendWith(ArquillianExtension.class)
class KeyRotationIT {

  @Deployment
  static WebArchive deployment() {
    return RefreshDeployments.withProbes();
  }

  @Inject ConnectedTenants fixture;

  @Inject TokenReEncryption reEncryption;

  @Inject TokenCipher cipher;

  @Inject RefreshService refreshes;

  @Inject WebhookEndpoints webhookEndpoints;

  private EmulatorControl emulator;
  private final List<UUID> created = new ArrayList<>();

  @BeforeEach
  void strictProvider() {
    emulator = fixture.emulator();
    emulator.configure("{\"rotationMode\":\"STRICT\",\"faults\":[]}");
  }

  @AfterEach
  void cleanUp() {
    created.forEach(fixture::delete);
  }

  /**
   * Three tenants whose tokens are under the older key: one pass re-seals all of them under the
   * primary, the tokens and token version stay what they were, the console's count drops by three,
   * and a refresh afterwards sends the same refresh token (STRICT rotation: no invalid grant).
   */
  @Test
  void tokensUnderAnOlderKeyMoveToThePrimaryAndStillRefresh() throws Exception {
    long firstUser = emulator.createUsers(3, "rot-" + suffix());
    List<Connected> tenants = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      tenants.add(connect(firstUser + i));
    }
    List<FreeAgentConnection> before = new ArrayList<>();
    for (Connected tenant : tenants) {
      sealUnderOlderKey(tenant.id());
      before.add(fixture.read(tenant.id()));
    }
    assertThat(before)
        .allSatisfy(c -> assertThat(c.refreshTokenCiphertext()).startsWith("v1:it1:"));
    KeyUsage usageBefore = reEncryption.usage();
    assertThat(usageBefore.primaryKeyId()).isEqualTo("it2");
    assertThat(usageBefore.keyIds()).containsExactly("it2", "it1");

    reEncryption.run(Duration.ofSeconds(60));

    for (int i = 0; i < tenants.size(); i++) {
      FreeAgentConnection after = fixture.read(tenants.get(i).id());
      assertThat(after.accessTokenCiphertext()).startsWith("v1:it2:");
      assertThat(after.refreshTokenCiphertext()).startsWith("v1:it2:");
      assertThat(after.tokenVersion()).isEqualTo(before.get(i).tokenVersion());
      assertThat(open(after, TokenColumn.ACCESS_TOKEN))
          .isEqualTo(openOld(before.get(i), TokenColumn.ACCESS_TOKEN));
      assertThat(open(after, TokenColumn.REFRESH_TOKEN))
          .isEqualTo(openOld(before.get(i), TokenColumn.REFRESH_TOKEN));
    }
    assertThat(usageBefore.underOlderKeys()).isGreaterThanOrEqualTo(3);
    assertThat(usageBefore.underOlderKeys() - reEncryption.usage().underOlderKeys())
        .isGreaterThanOrEqualTo(3);

    Connected first = tenants.get(0);
    RefreshResult refreshed = refreshes.refreshNow(first.id(), RefreshTrigger.MANUAL);
    assertThat(refreshed.refreshed()).as(refreshed.message()).isTrue();
    assertThat(emulator.counter(first.emulatorUserId(), "spentTokenReuses")).isZero();
    assertThat(emulator.counter(first.emulatorUserId(), "invalidGrants")).isZero();
    assertThat(fixture.read(first.id()).refreshTokenCiphertext()).startsWith("v1:it2:");
  }

  /**
   * A row whose lock another transaction holds (a refresh storing its pair) is skipped, not waited
   * for and not overwritten; the next pass, after the lock is gone, re-seals it.
   */
  @Test
  void aLockedRowIsLeftForALaterPass() throws Exception {
    Connected tenant = connect(emulator.createUsers(1, "rotlock-" + suffix()));
    sealUnderOlderKey(tenant.id());

    try (Connection holder = dataSource().getConnection()) {
      holder.setAutoCommit(false);
      try (PreparedStatement lock =
          holder.prepareStatement(
              "SELECT id FROM freeagent_connection WHERE tenant_id = ? FOR UPDATE")) {
        lock.setObject(1, tenant.id());
        lock.executeQuery().close();
      }
      reEncryption.run(Duration.ofSeconds(30));
      assertThat(fixture.read(tenant.id()).refreshTokenCiphertext()).startsWith("v1:it1:");
      holder.rollback();
    }

    reEncryption.run(Duration.ofSeconds(30));
    assertThat(fixture.read(tenant.id()).refreshTokenCiphertext()).startsWith("v1:it2:");
  }

  /**
   * A webhook endpoint's secrets (current and, during a secret rotation, previous) sealed under the
   * older key are counted as such and move to the primary with the same values, so the old key is
   * not reported free while a webhook still needs it.
   */
  @Test
  void webhookSecretsMoveToThePrimary() throws Exception {
    UUID endpoint =
        webhookEndpoints
            .create(
                "http://127.0.0.1:9/key-rotation-it", "KeyRotationIT", List.of("provider.resumed"))
            .endpoint()
            .id();
    try {
      String previous = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
      String current = "whsec_" + Base64.getEncoder().encodeToString(new byte[24]);
      TokenCipher older = olderKeyCipher();
      try (Connection connection = dataSource().getConnection();
          PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE webhook_endpoint SET secret_ciphertext = ?,"
                      + " previous_secret_ciphertext = ? WHERE id = ?")) {
        update.setString(1, older.encrypt(endpoint, TokenColumn.WEBHOOK_SECRET, current));
        update.setString(2, older.encrypt(endpoint, TokenColumn.WEBHOOK_SECRET, previous));
        update.setObject(3, endpoint);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
      long before = reEncryption.usage().underOlderKeys();

      reEncryption.run(Duration.ofSeconds(30));

      String[] stored = secrets(endpoint);
      assertThat(stored[0]).startsWith("v1:it2:");
      assertThat(stored[1]).startsWith("v1:it2:");
      assertThat(cipher.decrypt(endpoint, TokenColumn.WEBHOOK_SECRET, stored[0]))
          .isEqualTo(current);
      assertThat(cipher.decrypt(endpoint, TokenColumn.WEBHOOK_SECRET, stored[1]))
          .isEqualTo(previous);
      assertThat(before - reEncryption.usage().underOlderKeys()).isGreaterThanOrEqualTo(1);
    } finally {
      webhookEndpoints.delete(endpoint);
    }
  }

  private static String[] secrets(UUID endpoint) throws Exception {
    try (Connection connection = dataSource().getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT secret_ciphertext, previous_secret_ciphertext FROM webhook_endpoint"
                    + " WHERE id = ?")) {
      select.setObject(1, endpoint);
      try (ResultSet rs = select.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return new String[] {rs.getString(1), rs.getString(2)};
      }
    }
  }

  private Connected connect(long emulatorUserId) {
    Instant later = Instant.now().plus(Duration.ofHours(1));
    Connected tenant = fixture.connect("rot", emulatorUserId, later, later);
    created.add(tenant.id());
    return tenant;
  }

  /** What a row written before the rotation looks like: both tokens sealed under it1. */
  private void sealUnderOlderKey(UUID tenantId) throws Exception {
    FreeAgentConnection current = fixture.read(tenantId);
    TokenCipher older = olderKeyCipher();
    String access =
        older.encrypt(tenantId, TokenColumn.ACCESS_TOKEN, open(current, TokenColumn.ACCESS_TOKEN));
    String refresh =
        older.encrypt(
            tenantId, TokenColumn.REFRESH_TOKEN, open(current, TokenColumn.REFRESH_TOKEN));
    try (Connection connection = dataSource().getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE freeagent_connection SET access_token_ciphertext = ?,"
                    + " refresh_token_ciphertext = ? WHERE tenant_id = ?")) {
      update.setString(1, access);
      update.setString(2, refresh);
      update.setObject(3, tenantId);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  private String open(FreeAgentConnection c, TokenColumn column) {
    return cipher.decrypt(c.tenantId(), column, ciphertext(c, column));
  }

  private String openOld(FreeAgentConnection c, TokenColumn column) {
    return olderKeyCipher().decrypt(c.tenantId(), column, ciphertext(c, column));
  }

  private static String ciphertext(FreeAgentConnection c, TokenColumn column) {
    return column == TokenColumn.ACCESS_TOKEN
        ? c.accessTokenCiphertext()
        : c.refreshTokenCiphertext();
  }

  /** The IT server's own keys, with the older one as primary: a node before the rotation. */
  private static TokenCipher olderKeyCipher() {
    String keys = ConfigProvider.getConfig().getValue("tokenwarden.crypto.keys", String.class);
    return new TokenCipher(KeyRing.parse(keys, "it1"));
  }

  private static DataSource dataSource() throws Exception {
    return (DataSource) new InitialContext().lookup("jdbc/tokenwarden");
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
