package io.tokenwarden.it.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.refresh.RefreshResult;
import io.tokenwarden.application.refresh.RefreshService;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.infrastructure.runtime.NodeIdentity;
import io.tokenwarden.infrastructure.runtime.PublicUrl;
import io.tokenwarden.it.refresh.ConnectedTenants.Connected;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ADR 0029: a holder whose heartbeat is older than dead-after, but which answers over HTTP that it
 * holds a received pair for a tenant (it is alive, cut off from the database alone), keeps that
 * tenant's row; its other rows go as a dead node's do, and so do all of them once it no longer
 * answers. The holder is {@link FakePeer} on this server; the registry row names it as a killed or
 * cut-off node's row does.
 */
@ExtendWith(ArquillianExtension.class)
class PeersParkedPairsIT {

  /** Far shorter than the seeded leases (2 min): a takeover, not an expiry. */
  private static final Duration TAKEOVER = Duration.ofSeconds(20);

  @Deployment
  static WebArchive deployment() {
    return RefreshDeployments.withProbes()
        .addClasses(PeerSecretConfigSource.class, FakePeer.class, FakePeer.Resource.class)
        .addAsServiceProvider(ConfigSource.class, PeerSecretConfigSource.class);
  }

  @Inject ConnectedTenants fixture;

  @Inject RefreshService refreshes;

  @Inject NodeIdentity node;

  @Inject PublicUrl publicUrl;

  private final HttpClient http = HttpClient.newHttpClient();
  private EmulatorControl emulator;
  private JsonObject savedSettings;
  private final List<UUID> created = new ArrayList<>();
  private final List<String> seededNodes = new ArrayList<>();

  @BeforeEach
  void strictRotation() {
    emulator = fixture.emulator();
    savedSettings = emulator.settings();
    emulator.configure("{\"rotationMode\":\"STRICT\",\"faults\":[]}");
    FakePeer.holds = Set.of();
    FakePeer.answering = true;
  }

  @AfterEach
  void cleanUp() {
    FakePeer.holds = Set.of();
    FakePeer.answering = true;
    created.forEach(fixture::delete);
    seededNodes.forEach(fixture::forgetNode);
    emulator.restore(savedSettings);
  }

  /**
   * Two due rows leased by a node silent for ten minutes. It answers that it holds a pair for one:
   * the other is taken and refreshed at once, the held one is neither claimed by the tick nor by a
   * manual refresh (FreeAgent is not called for it). Once the holder stops answering, the held row
   * goes too.
   */
  @Test
  void aSilentHolderThatAnswersKeepsTheRowsItHoldsPairsFor() {
    String ghost = "cutoff-" + suffix() + "/c0ffee00";
    long firstUser = emulator.createUsers(2, "peer-" + suffix());
    Connected held = connect("held", firstUser);
    Connected free = connect("free", firstUser + 1);
    fixture.heartbeatOf(ghost, ghost.substring(0, ghost.indexOf('/')), Duration.ofMinutes(10));
    seededNodes.add(ghost);
    fixture.peerUrlOf(ghost, publicUrl.base() + "/fake-peer");
    FakePeer.holds = Set.of(held.id());
    for (Connected tenant : List.of(held, free)) {
      fixture.holdLease(tenant.id(), ghost, Instant.now().plusSeconds(120));
      fixture.makeDue(tenant.id());
    }
    long heldVersion = fixture.read(held.id()).tokenVersion();
    long freeVersion = fixture.read(free.id()).tokenVersion();

    await().atMost(TAKEOVER).until(() -> refreshed(free, freeVersion));
    RefreshResult manual = refreshes.refreshNow(held.id(), RefreshTrigger.MANUAL);
    assertThat(manual.refreshed()).isFalse();
    assertThat(manual.message()).contains("refreshed pair is waiting to be stored");
    await()
        .during(Duration.ofSeconds(8)) // more than two ticks after the free row went
        .atMost(Duration.ofSeconds(30))
        .until(() -> emulator.counter(firstUser, "refreshCalls") == 0);
    FreeAgentConnection kept = fixture.read(held.id());
    assertThat(kept.tokenVersion()).isEqualTo(heldVersion);
    assertThat(kept.leaseOwner()).as("still the silent holder's").isEqualTo(ghost);
    assertThat(FakePeer.asked.get()).isPositive();

    FakePeer.answering = false; // dead after all, or cut off from this node too
    // Its last answer is reused for two ticks, then it is asked again.
    await().atMost(TAKEOVER.multipliedBy(2)).until(() -> refreshed(held, heldVersion));
    assertThat(emulator.counter(firstUser, "refreshCalls")).isEqualTo(1);
    assertThat(emulator.counter(firstUser, "spentTokenReuses")).isZero();
    assertThat(emulator.counter(firstUser + 1, "spentTokenReuses")).isZero();
  }

  /**
   * A node answers the question only with the fleet's secret: 401 without it or with another, 200
   * with its name and the tenants it holds pairs for (none here) with it. Never a token.
   */
  @Test
  void aNodeAnswersWhichPairsItHoldsOnlyWithTheFleetsSecret() throws Exception {
    assertThat(askThisNode(null).statusCode()).isEqualTo(401);
    assertThat(askThisNode("Bearer not-the-fleets-secret-0123456789abcdef").statusCode())
        .isEqualTo(401);
    assertThat(askThisNode(PeerSecretConfigSource.SECRET).statusCode())
        .as("the secret alone, not as a bearer token")
        .isEqualTo(401);

    HttpResponse<String> answer = askThisNode("Bearer " + PeerSecretConfigSource.SECRET);
    assertThat(answer.statusCode()).isEqualTo(200);
    try (var reader = Json.createReader(new StringReader(answer.body()))) {
      JsonObject body = reader.readObject();
      assertThat(body.getString("node")).isEqualTo(node.name());
      assertThat(body.getJsonArray("tenants")).isEmpty();
    }
    assertThat(answer.body()).doesNotContain(PeerSecretConfigSource.SECRET);
  }

  private HttpResponse<String> askThisNode(String authorization) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(publicUrl.base() + "/internal/v1/parked-tenants"));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private boolean refreshed(Connected tenant, long versionBefore) {
    FreeAgentConnection c = fixture.read(tenant.id());
    return c.tokenVersion() > versionBefore
        && c.status() == ConnectionStatus.CONNECTED
        && c.leaseOwner() == null;
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
