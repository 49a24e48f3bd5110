package io.tokenwarden.it.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.refresh.ProviderStateStore;
import io.tokenwarden.application.refresh.ProviderStatus;
import io.tokenwarden.application.refresh.ProviderStatusService;
import io.tokenwarden.application.webhooks.WebhookDeliveries;
import io.tokenwarden.application.webhooks.WebhookEndpoints;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.it.refresh.ConnectedTenants.Connected;
import io.tokenwarden.it.refresh.RowLocks.Running;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Provider-wide failures: the 2020 incident (FreeAgent applying the refresh limit globally) and
 * FreeAgent rejecting Token Warden's own client credentials. Neither may turn into broken tenants.
 */
@ExtendWith(ArquillianExtension.class)
class ProviderWideIT {

  @Deployment
  static WebArchive deployment() {
    return RefreshDeployments.withProbes()
        .addClasses(
            RejectingOAuthClient.class,
            RateLimitHits.class,
            RowLocks.class,
            RowLocks.Held.class,
            RowLocks.Running.class);
  }

  @Inject ConnectedTenants fixture;

  @Inject ProviderStatusService providerStatus;

  @Inject WebhookEndpoints webhookEndpoints;

  @Inject WebhookDeliveries webhookDeliveries;

  @Inject RateLimitHits rateLimitHits;

  @Inject RowLocks threads;

  @Inject ProviderStateStore providerState;

  /** Receives the provider events; nothing listens at its URL, which does not matter here. */
  private UUID endpoint;

  private EmulatorControl emulator;
  private JsonObject savedSettings;
  private final List<UUID> created = new ArrayList<>();

  @BeforeEach
  void remember() {
    emulator = fixture.emulator();
    savedSettings = emulator.settings();
    fixture.clearProviderState();
    endpoint =
        webhookEndpoints
            .create(
                "http://127.0.0.1:9/provider-wide-it",
                "ProviderWideIT",
                List.of("provider.throttled", "provider.resumed", "provider.credentials_rejected"))
            .endpoint()
            .id();
  }

  @AfterEach
  void cleanUp() {
    webhookEndpoints.delete(endpoint);
    RejectingOAuthClient.reject = false;
    created.forEach(fixture::delete);
    emulator.restore(savedSettings);
    fixture.clearProviderState();
  }

  /**
   * The 2020 incident replayed: the refresh limit (here 50 per minute) applies to all users
   * together and 100 tenants fall due at once. Token Warden detects the provider-wide throttle,
   * pauses cluster-wide, resumes slowly, and every tenant is refreshed once the limit allows; none
   * ends NEEDS_RECONNECT and the 429s stay few.
   */
  @Test
  void globalRefreshLimitIncidentIsSurvived() {
    emulator.configure(
        "{\"globalRefreshLimit\":true,\"refreshLimitPerMinute\":50,"
            + "\"accessTokenLifetimeSeconds\":3600,\"rotationMode\":\"STRICT\",\"faults\":[]}");
    int count = 100;
    long firstUser =
        emulator.createUsers(count, "inc-" + UUID.randomUUID().toString().substring(0, 6));
    Instant dueAt = Instant.now().plusSeconds(20);
    // The limit fills early in the provider's minute, so the pause is long enough to be seen; a
    // window that filled in its last second would pause for one second (a CI run once missed it).
    emulator.openMinuteWindowAt(dueAt);
    List<Connected> tenants = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Connected tenant =
          fixture.connect("inc", firstUser + i, dueAt.plus(Duration.ofMinutes(10)), dueAt);
      tenants.add(tenant);
      created.add(tenant.id());
    }
    AtomicBoolean pausedSeen = new AtomicBoolean();

    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              ProviderStatus status = providerStatus.current();
              if (status.circuitOpen()) {
                pausedSeen.set(true);
                assertThat(status.alarmMessage()).contains("throttl");
              }
              return tenants.stream().allMatch(t -> fixture.read(t.id()).tokenVersion() >= 2);
            });

    long rateLimited = 0;
    for (Connected tenant : tenants) {
      FreeAgentConnection connection = fixture.read(tenant.id());
      assertThat(connection.status()).isEqualTo(ConnectionStatus.CONNECTED);
      assertThat(emulator.counter(tenant.emulatorUserId(), "spentTokenReuses")).isZero();
      rateLimited += emulator.counter(tenant.emulatorUserId(), "refreshRateLimited");
    }
    final long observed = rateLimited;
    Logger.getLogger(ProviderWideIT.class.getName())
        .info(() -> "Incident replay: " + observed + " 429s for " + count + " tenants");
    assertThat(pausedSeen).as("the console saw the cluster-wide pause").isTrue();
    assertThat(providerState.read().throttlePausedUntil())
        .as("the pause is stored for every node")
        .isNotNull();
    // Detection needs 3 users' 429s; at most the refreshes already in flight (8) add to them.
    assertThat(rateLimited).as("429s after detection stay bounded").isBetween(3L, 20L);
    // provider.throttled once per pause for the whole fleet, never once per tenant (100 here);
    // each followed by its provider.resumed once the pause is over.
    long throttled = providerEvents("provider.throttled");
    assertThat(throttled).isBetween(1L, 2L);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> providerEvents("provider.resumed") == throttled);
    List<String> newestFirst =
        webhookDeliveries.forEndpoint(endpoint, 0, 100).stream().map(d -> d.eventType()).toList();
    for (int i = 0; i < newestFirst.size(); i++) {
      assertThat(newestFirst.get(i))
          .isEqualTo(i % 2 == 0 ? "provider.resumed" : "provider.throttled");
    }
  }

  /**
   * Three users' 429s arrive at once (R4's full run saw ten in one tick). Each failed refresh
   * records its hit in its own unit of work; the second and third must count the hits committed
   * before them, so the third one pauses refreshing fleet-wide. Before the 429 path was serialised
   * on the provider row, each saw only its own uncommitted hit and nothing paused.
   */
  @Test
  void concurrentRateLimitHitsCountEachOther() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6);
    Instant retryAt = Instant.now().plusSeconds(30);
    CountDownLatch recorded = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Running<Optional<Instant>> first =
        threads.start(
            () -> rateLimitHits.recordAndHold("burst-a-" + run, retryAt, recorded, release));
    assertThat(recorded.await(30, TimeUnit.SECONDS)).as("the first hit was recorded").isTrue();
    Running<Optional<Instant>> second =
        threads.start(() -> rateLimitHits.record("burst-b-" + run, retryAt));
    Running<Optional<Instant>> third =
        threads.start(() -> rateLimitHits.record("burst-c-" + run, retryAt));
    // Either they finished while the first was still open, or they wait for it: settled for 1 s.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(30))
        .until(() -> settled(second) && settled(third));
    release.countDown();

    List<Optional<Instant>> pauses = List.of(first.get(), second.get(), third.get());
    assertThat(pauses)
        .as("exactly the last of the three hits saw the other two and paused")
        .filteredOn(Optional::isPresent)
        .hasSize(1);
    assertThat(providerState.read().throttlePausedUntil())
        .as("the provider-wide pause is stored for every node")
        .isNotNull();
  }

  private static boolean settled(Running<?> hit) {
    return hit.result().isDone() || hit.waitsInDatabaseBelow("recordRateLimitInScope");
  }

  private long providerEvents(String type) {
    return webhookDeliveries.forEndpoint(endpoint, 0, 100).stream()
        .filter(d -> d.eventType().equals(type))
        .count();
  }

  /**
   * 401 on the token endpoint: a global alarm, refreshing paused, no tenant marked broken or
   * failing; when the credentials work again one probe clears the alarm and refreshing resumes.
   */
  @Test
  void rejectedClientCredentialsRaiseAGlobalAlarmOnly() {
    emulator.configure("{\"accessTokenLifetimeSeconds\":3600,\"faults\":[]}");
    long user = emulator.createUsers(1, "cred-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    Connected tenant = fixture.connect("cred", user, now.plusSeconds(3600), now.plusSeconds(3600));
    created.add(tenant.id());
    FreeAgentConnection before = fixture.read(tenant.id());
    RejectingOAuthClient.reject = true;
    fixture.makeDue(tenant.id());

    await().atMost(Duration.ofSeconds(60)).until(() -> providerStatus.current().circuitOpen());
    ProviderStatus alarm = providerStatus.current();
    assertThat(alarm.credentialsRejectedAt()).isNotNull();
    assertThat(alarm.alarmMessage()).contains("client credentials");
    FreeAgentConnection after = fixture.read(tenant.id());
    assertThat(after.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(after.consecutiveFailures()).isZero();
    assertThat(after.refreshTokenCiphertext()).isEqualTo(before.refreshTokenCiphertext());
    assertThat(after.tokenVersion()).isEqualTo(before.tokenVersion());
    assertThat(after.nextRefreshAt()).isAfter(after.lastAttemptAt());
    assertThat(providerEvents("provider.credentials_rejected")).isEqualTo(1);

    RejectingOAuthClient.reject = false;
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> fixture.read(tenant.id()).tokenVersion() == before.tokenVersion() + 1);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> providerStatus.current().credentialsRejectedAt() == null);
    assertThat(providerStatus.current().circuitOpen()).isFalse();
    // Every probe that failed renewed the alarm; only raising it was announced.
    assertThat(providerEvents("provider.credentials_rejected")).isEqualTo(1);
  }
}
