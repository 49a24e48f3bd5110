package io.tokenwarden.application.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.infrastructure.persistence.DatabaseMigrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim's ordering rule ({@link WebhookDeliveries#NOTHING_EARLIER_OPEN}) on the real schema
 * (Flyway on in-memory H2): a delivery is claimable only while nothing earlier of its tenant to its
 * endpoint is open; other tenants, other endpoints and dead deliveries do not hold it back.
 */
class OrderingRuleTest {

  private Connection db;
  private UUID endpoint;
  private UUID otherEndpoint;
  private long sequence;

  @BeforeEach
  void schema() throws SQLException {
    JdbcDataSource source = new JdbcDataSource();
    source.setURL("jdbc:h2:mem:ordering-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    DatabaseMigrations.flyway(source).migrate();
    db = source.getConnection();
    endpoint = endpoint();
    otherEndpoint = endpoint();
  }

  @AfterEach
  void close() throws SQLException {
    db.close();
  }

  @Test
  void onlyTheOldestOpenDeliveryOfATenantIsClaimable() throws SQLException {
    UUID a1 = delivery(endpoint, "tenant-a", "PENDING");
    UUID a2 = delivery(endpoint, "tenant-a", "PENDING");
    delivery(endpoint, "tenant-a", "PENDING");
    UUID b1 = delivery(endpoint, "tenant-b", "FAILED");

    assertThat(claimable()).containsExactly(a1, b1);

    status(a1, "FAILED");
    assertThat(claimable()).containsExactly(a1, b1);

    status(a1, "DELIVERED");
    assertThat(claimable()).containsExactly(a2, b1);
  }

  @Test
  void aDeadDeliveryNoLongerHoldsItsTenantBack() throws SQLException {
    UUID a1 = delivery(endpoint, "tenant-a", "FAILED");
    UUID a2 = delivery(endpoint, "tenant-a", "PENDING");
    assertThat(claimable()).containsExactly(a1);

    status(a1, "DEAD");

    assertThat(claimable()).containsExactly(a2);
  }

  @Test
  void eachEndpointKeepsItsOwnOrder() throws SQLException {
    UUID first = delivery(endpoint, "tenant-a", "FAILED");
    UUID elsewhere = delivery(otherEndpoint, "tenant-a", "PENDING");
    delivery(endpoint, "tenant-a", "PENDING");

    assertThat(claimable()).containsExactly(first, elsewhere);
  }

  @Test
  void aRedeliveredOldEventGoesBeforeNewerOnes() throws SQLException {
    UUID a1 = delivery(endpoint, "tenant-a", "DELIVERED");
    UUID a2 = delivery(endpoint, "tenant-a", "PENDING");
    assertThat(claimable()).containsExactly(a2);

    status(a1, "PENDING");

    assertThat(claimable()).containsExactly(a1);
  }

  private List<UUID> claimable() throws SQLException {
    List<UUID> ids = new ArrayList<>();
    try (PreparedStatement select =
            db.prepareStatement(
                "SELECT d.id FROM webhook_delivery d WHERE d.status IN "
                    + WebhookDeliveries.OPEN
                    + WebhookDeliveries.NOTHING_EARLIER_OPEN
                    + " ORDER BY d.sequence");
        ResultSet rs = select.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getObject(1, UUID.class));
      }
    }
    return ids;
  }

  private UUID endpoint() throws SQLException {
    UUID id = UUID.randomUUID();
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO webhook_endpoint (id, url, enabled, secret_ciphertext, created_at,"
                + " updated_at) VALUES (?, 'https://example.test/hook', TRUE, 'sealed', ?, ?)")) {
      insert.setObject(1, id);
      insert.setObject(2, OffsetDateTime.now());
      insert.setObject(3, OffsetDateTime.now());
      insert.executeUpdate();
    }
    return id;
  }

  private UUID delivery(UUID endpointId, String stream, String status) throws SQLException {
    UUID event = UUID.randomUUID();
    long seq = ++sequence;
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO webhook_event (id, sequence, event_type, stream_key, payload, created_at)"
                + " VALUES (?, ?, 'connection.connected', ?, '{}', ?)")) {
      insert.setObject(1, event);
      insert.setLong(2, seq);
      insert.setString(3, stream);
      insert.setObject(4, OffsetDateTime.now());
      insert.executeUpdate();
    }
    UUID id = UUID.randomUUID();
    try (PreparedStatement insert =
        db.prepareStatement(
            "INSERT INTO webhook_delivery (id, event_id, endpoint_id, stream_key, sequence,"
                + " status, attempts, next_attempt_at, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)")) {
      insert.setObject(1, id);
      insert.setObject(2, event);
      insert.setObject(3, endpointId);
      insert.setString(4, stream);
      insert.setLong(5, seq);
      insert.setString(6, status);
      insert.setObject(7, OffsetDateTime.now());
      insert.setObject(8, OffsetDateTime.now());
      insert.executeUpdate();
    }
    return id;
  }

  private void status(UUID delivery, String status) throws SQLException {
    try (PreparedStatement update =
        db.prepareStatement("UPDATE webhook_delivery SET status = ? WHERE id = ?")) {
      update.setString(1, status);
      update.setObject(2, delivery);
      update.executeUpdate();
    }
  }
}
