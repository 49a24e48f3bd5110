package io.tokenwarden.it.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import io.tokenwarden.it.refresh.ConnectedTenants.Connected;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The live node registry (docs/DESIGN.md §5.2): a lease whose holder is known dead is taken before
 * it expires, a live holder's lease is left alone. Leases are seeded as a node killed mid-refresh
 * leaves them (held for the full {@code tokenwarden.refresh.lease}, the refresh due).
 */
@ExtendWith(ArquillianExtension.class)
class NodeRegistryIT {

  /** Far shorter than the seeded leases (2 min): a takeover, not an expiry. */
  private static final Duration TAKEOVER = Duration.ofSeconds(15);

  @Deployment
  static WebArchive deployment() {
    return RefreshDeployments.withProbes();
  }

  @Inject ConnectedTenants fixture;

  @Inject NodeIdentity node;

  private EmulatorControl emulator;
  private JsonObject savedSettings;
  private final List<UUID> created = new ArrayList<>();
  private final List<String> seededNodes = new ArrayList<>();

  @BeforeEach
  void remember() {
    emulator = fixture.emulator();
    savedSettings = emulator.settings();
    emulator.configure("{\"rotationMode\":\"STRICT\",\"faults\":[]}");
  }

  @AfterEach
  void cleanUp() {
    created.forEach(fixture::delete);
    seededNodes.forEach(fixture::forgetNode);
    emulator.restore(savedSettings);
  }

  /**
   * This node restarted after a kill: the leases of its earlier incarnations (same configured name,
   * another suffix; one without a registry row, one whose heartbeat stopped long ago) are taken
   * over within a few ticks and refreshed once each, not after the two-minute lease.
   */
  @Test
  void leasesOfThisNodesDeadIncarnationsAreTakenOverAtOnce() {
    String configured = configuredName();
    long firstUser = emulator.createUsers(2, "inc-" + suffix());
    Connected unregistered = connect("inc", firstUser);
    Connected stale = connect("inc", firstUser + 1);
    seedNode(configured + "/deadbeef", configured, Duration.ofMinutes(10));
    fixture.holdLease(unregistered.id(), configured + "/deadc0de", Instant.now().plusSeconds(120));
    fixture.holdLease(stale.id(), configured + "/deadbeef", Instant.now().plusSeconds(120));
    long unregisteredBefore = fixture.read(unregistered.id()).tokenVersion();
    long staleBefore = fixture.read(stale.id()).tokenVersion();
    fixture.makeDue(unregistered.id());
    fixture.makeDue(stale.id());

    await().atMost(TAKEOVER).until(() -> refreshed(unregistered, unregisteredBefore));
    await().atMost(TAKEOVER).until(() -> refreshed(stale, staleBefore));
    assertThat(emulator.counter(firstUser, "refreshCalls")).isEqualTo(1);
    assertThat(emulator.counter(firstUser + 1, "refreshCalls")).isEqualTo(1);
  }

  /** Another node whose heartbeat is older than dead-after holds a lease: it is taken early. */
  @Test
  void leaseOfAnotherDeadNodeIsTakenBeforeItExpires() {
    String other = "gone-" + suffix();
    long user = emulator.createUsers(1, "gone-" + suffix());
    Connected tenant = connect("gone", user);
    seedNode(other + "/0badf00d", other, Duration.ofMinutes(10));
    fixture.holdLease(tenant.id(), other + "/0badf00d", Instant.now().plusSeconds(120));
    long versionBefore = fixture.read(tenant.id()).tokenVersion();
    fixture.makeDue(tenant.id());

    await().atMost(TAKEOVER).until(() -> refreshed(tenant, versionBefore));
    assertThat(emulator.counter(user, "refreshCalls")).isEqualTo(1);
  }

  /**
   * A live node (fresh heartbeat) holds a lease: nobody takes the row while the lease runs (what
   * happens once it has expired: the next test).
   */
  @Test
  void leaseOfALiveNodeIsLeftAloneWhileItRuns() {
    String other = "peer-" + suffix();
    long user = emulator.createUsers(1, "peer-" + suffix());
    Connected tenant = connect("peer", user);
    seedNode(other + "/cafebabe", other, Duration.ZERO);
    fixture.holdLease(tenant.id(), other + "/cafebabe", Instant.now().plusSeconds(30));
    long versionBefore = fixture.read(tenant.id()).tokenVersion();
    fixture.makeDue(tenant.id());

    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(7))
        .until(() -> (other + "/cafebabe").equals(fixture.read(tenant.id()).leaseOwner()));
    assertThat(fixture.read(tenant.id()).tokenVersion()).isEqualTo(versionBefore);
    assertThat(emulator.counter(user, "refreshCalls")).isZero();
  }

  /**
   * Finding 1 of docs/RELIABILITY.md: a live node (it beats) whose lease ran out while the database
   * was away may hold a pair it parked for that row; the row is not taken merely because the lease
   * expired. Once that holder's heartbeat is older than dead-after it is dead and the row is
   * refreshed; a lease expired longer than the grace (twice dead-after) ago is taken as well.
   */
  @Test
  void expiredLeaseOfALiveNodeIsNotTakenUntilItDiesOrTheGraceEnds() {
    String other = "back-" + suffix();
    long user = emulator.createUsers(2, "back-" + suffix());
    Connected tenant = connect("back", user);
    Connected longExpired = connect("back", user + 1);
    seedNode(other + "/feedface", other, Duration.ZERO);
    fixture.holdLease(tenant.id(), other + "/feedface", Instant.now().minusSeconds(1));
    fixture.holdLease(
        longExpired.id(), other + "/feedface", Instant.now().minus(Duration.ofMinutes(4)));
    long versionBefore = fixture.read(tenant.id()).tokenVersion();
    long longExpiredBefore = fixture.read(longExpired.id()).tokenVersion();
    fixture.makeDue(tenant.id());
    fixture.makeDue(longExpired.id());

    await().atMost(TAKEOVER).until(() -> refreshed(longExpired, longExpiredBefore));
    await()
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(7))
        .until(() -> (other + "/feedface").equals(fixture.read(tenant.id()).leaseOwner()));
    assertThat(fixture.read(tenant.id()).tokenVersion()).isEqualTo(versionBefore);
    assertThat(emulator.counter(user, "refreshCalls")).isZero();

    seedNode(other + "/feedface", other, Duration.ofMinutes(10));
    await().atMost(TAKEOVER).until(() -> refreshed(tenant, versionBefore));
    assertThat(emulator.counter(user, "refreshCalls")).isEqualTo(1);
  }

  private boolean refreshed(Connected tenant, long versionBefore) {
    FreeAgentConnection c = fixture.read(tenant.id());
    return c.tokenVersion() > versionBefore
        && c.status() == ConnectionStatus.CONNECTED
        && c.leaseOwner() == null;
  }

  /** tokenwarden.node.name as this node was started with (its name without the run's suffix). */
  private String configuredName() {
    return node.name().substring(0, node.name().lastIndexOf('/'));
  }

  private void seedNode(String name, String configuredName, Duration ago) {
    fixture.heartbeatOf(name, configuredName, ago);
    seededNodes.add(name);
  }

  private Connected connect(String prefix, long user) {
    Instant now = Instant.now();
    Connected tenant =
        fixture.connect(prefix, user, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
    created.add(tenant.id());
    return tenant;
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 6);
  }
}
