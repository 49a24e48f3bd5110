package io.tokenwarden.it.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.handout.AccessTokenHandOut;
import io.tokenwarden.application.refresh.RefreshResult;
import io.tokenwarden.application.refresh.RefreshService;
import io.tokenwarden.application.refresh.RefreshSettings;
import io.tokenwarden.domain.ConnectionStatus;
import io.tokenwarden.domain.FreeAgentConnection;
import io.tokenwarden.domain.RefreshEvent;
import io.tokenwarden.domain.RefreshTrigger;
import io.tokenwarden.infrastructure.runtime.PublicUrl;
import io.tokenwarden.it.refresh.ConnectedTenants.Connected;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperties;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/DESIGN.md §5.3 step 6 against STRICT rotation: FreeAgent answers, the database is down at
 * the commit. The received pair must be on local disk, and this node must not send the spent
 * refresh token again while the pair waits, even after the lease has run out, and it keeps the row
 * leased so that no other node does either. A restart's replay is covered by
 * RefreshProtocolCommitTest and RefreshJournalTest (a server restart is too costly here).
 */
@ExtendWith(ArquillianExtension.class)
class ParkedPairJournalIT {

  @Deployment
  static WebArchive deployment() {
    return RefreshDeployments.withProbes()
        .addClasses(FailingTokenStore.class, PeerSecretConfigSource.class)
        .addAsServiceProvider(ConfigSource.class, PeerSecretConfigSource.class);
  }

  @Inject ConnectedTenants fixture;

  @Inject PublicUrl publicUrl;

  @Inject RefreshService refreshes;

  @Inject AccessTokenHandOut handOut;

  @Inject @ConfigProperties RefreshSettings settings;

  private EmulatorControl emulator;
  private JsonObject savedSettings;
  private UUID created;

  @BeforeEach
  void strictRotation() {
    emulator = fixture.emulator();
    savedSettings = emulator.settings();
    emulator.configure("{\"rotationMode\":\"STRICT\",\"faults\":[]}");
  }

  @AfterEach
  void cleanUp() {
    FailingTokenStore.downFor = null;
    if (created != null) {
      fixture.delete(created);
    }
    emulator.restore(savedSettings);
  }

  /**
   * The database refuses the commit of a refreshed pair: the pair is journaled (ciphertexts only),
   * neither the tick nor a manual refresh calls FreeAgent again while it waits, and once the
   * database is back the pair is stored (version + 1, the next refresh works) and its journal entry
   * is gone.
   */
  @Test
  void aPairTheDatabaseRefusedIsJournaledHeldBackAndStoredLater() throws Exception {
    long user = emulator.createUsers(1, "park-" + UUID.randomUUID().toString().substring(0, 6));
    Instant now = Instant.now();
    Connected tenant =
        fixture.connect("park", user, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(1)));
    created = tenant.id();
    FreeAgentConnection before = fixture.read(tenant.id());
    FailingTokenStore.downFor = tenant.id();
    FailingTokenStore.refusedCommits.set(0);
    fixture.makeDue(tenant.id());

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> FailingTokenStore.refusedCommits.get() >= settings.commitAttempts());
    assertThat(emulator.counter(user, "refreshCalls")).isEqualTo(1);
    List<Path> entries = journalEntries(tenant.id());
    assertThat(entries).as("the received pair is on disk").hasSize(1);
    String onDisk = Files.readString(entries.get(0), StandardCharsets.UTF_8);
    assertThat(onDisk).contains(tenant.id().toString());
    UUID claim = fixture.read(tenant.id()).leaseClaim();
    assertThat(claim).as("the refresh's claim holds the row").isNotNull();
    assertThat(parkedTenantsAsAPeerSeesThem())
        .as("what another node is told when this one looks dead (ADR 0029)")
        .contains(tenant.id().toString());

    // The lease runs out and the row is due: a claim now would send the spent refresh token.
    fixture.expireLease(tenant.id());
    fixture.makeDue(tenant.id());
    RefreshResult manual = refreshes.refreshNow(tenant.id(), RefreshTrigger.MANUAL);
    assertThat(manual.refreshed()).isFalse();
    assertThat(manual.message()).contains("refreshed pair is waiting to be stored");
    await()
        .during(Duration.ofSeconds(12)) // more than two ticks
        .atMost(Duration.ofSeconds(60))
        .until(() -> emulator.counter(user, "refreshCalls") == 1);
    assertThat(fixture.read(tenant.id()).tokenVersion()).isEqualTo(before.tokenVersion());
    // The database answers the heartbeat but still refuses the pair: this node renews the lease
    // of the row whose pair it holds, so no other node takes the row and sends the spent token.
    FreeAgentConnection held = fixture.read(tenant.id());
    assertThat(held.leaseClaim()).as("still the refresh's own claim").isEqualTo(claim);
    assertThat(held.leaseExpiresAt()).as("renewed after it ran out").isAfter(Instant.now());

    FailingTokenStore.downFor = null; // the database is back
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> fixture.read(tenant.id()).tokenVersion() == before.tokenVersion() + 1);
    await().atMost(Duration.ofSeconds(30)).until(() -> journalEntries(tenant.id()).isEmpty());
    assertThat(parkedTenantsAsAPeerSeesThem()).doesNotContain(tenant.id().toString());
    FreeAgentConnection after = fixture.read(tenant.id());
    assertThat(after.status()).isEqualTo(ConnectionStatus.CONNECTED);
    assertThat(after.refreshTokenCiphertext()).isNotEqualTo(before.refreshTokenCiphertext());
    assertThat(fixture.events(tenant.id()))
        .extracting(RefreshEvent::outcome)
        .containsExactly("SUCCESS");
    assertThat(emulator.counter(user, "refreshCalls")).isEqualTo(1);
    assertThat(emulator.counter(user, "spentTokenReuses")).isZero();
    String issued = handOut.handOut(tenant.id()).join().token().accessToken();
    assertThat(issued).isNotEqualTo(tenant.firstAccessToken());
    assertThat(onDisk).as("ciphertexts only in the journal").doesNotContain(issued);

    // The stored pair is the usable one: the next refresh with it succeeds.
    fixture.makeDue(tenant.id());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> fixture.read(tenant.id()).tokenVersion() == before.tokenVersion() + 2);
    assertThat(emulator.counter(user, "spentTokenReuses")).isZero();
    assertThat(emulator.counter(user, "invalidGrants")).isZero();
  }

  private List<Path> journalEntries(UUID tenantId) {
    try (Stream<Path> files = Files.list(settings.journalDir())) {
      return files
          .filter(f -> f.getFileName().toString().contains("+" + tenantId + "+"))
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** This node's answer to another node's question (ADR 0029), with the fleet's secret. */
  private String parkedTenantsAsAPeerSeesThem() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(publicUrl.base() + "/internal/v1/parked-tenants"))
                    .header("Authorization", "Bearer " + PeerSecretConfigSource.SECRET)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
    return answer.body();
  }
}
