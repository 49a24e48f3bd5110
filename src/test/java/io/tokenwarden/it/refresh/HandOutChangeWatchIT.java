package io.tokenwarden.it.refresh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.application.apikeys.ApiKeyService;
import io.tokenwarden.application.refresh.RefreshMaintenance;
import io.tokenwarden.domain.ApiKeyKind;
import io.tokenwarden.it.refresh.ConnectedTenants.Connected;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ADR 0028 on a real server: this node's change watch keeps a cached token trusted past the TTL
 * without reading the database again, and brings another node's write (a status change, a deletion)
 * into this node's cache at its next polls instead of after the TTL. "Another node" writes the
 * database the way a node does and leaves this node's memory alone.
 */
@ExtendWith(ArquillianExtension.class)
class HandOutChangeWatchIT {

  @Deployment
  static WebArchive deployment() {
    return RefreshDeployments.withProbes();
  }

  @Inject ConnectedTenants fixture;

  @Inject ApiKeyService apiKeys;

  @Inject RefreshMaintenance maintenance;

  private final List<UUID> created = new ArrayList<>();

  @AfterEach
  void cleanUp() {
    created.forEach(fixture::delete);
  }

  /**
   * Past the TTL, a tenant whose row nobody changed is still served from memory: the hand-out cache
   * counts no miss over the whole TTL and beyond (without the watch, the first hand-out past the
   * TTL re-reads the row, a miss).
   */
  @Test
  void aCachedTokenOutlivesTheTtlWhileItsRowStaysTheSame() throws Exception {
    Connected tenant = connectedTenant("wt");
    String key = apiKeys.issue("it-watch-ttl", ApiKeyKind.TOKEN, tenant.id()).plainKey();
    assertThat(handOut(tenant.slug(), key).statusCode()).isEqualTo(200);
    long misses = fixture.handOutCacheMisses();
    Instant pastTheTtl = Instant.now().plus(cacheTtl()).plusSeconds(3);

    await()
        .atMost(cacheTtl().plusSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              HttpResponse<String> response = handOut(tenant.slug(), key);
              assertThat(response.statusCode()).isEqualTo(200);
              assertThat(response.body()).contains(tenant.firstAccessToken());
              assertThat(fixture.handOutCacheMisses())
                  .as("hand-outs that went to the database")
                  .isEqualTo(misses);
              return Instant.now().isAfter(pastTheTtl);
            });
  }

  /**
   * Another node marks the connection NEEDS_RECONNECT: two polls later this node answers 409,
   * though its cached token is still well within the TTL.
   */
  @Test
  void anotherNodesStatusChangeReachesThisNodesCacheAtTheNextPolls() throws Exception {
    Connected tenant = connectedTenant("ws");
    String key = apiKeys.issue("it-watch-status", ApiKeyKind.TOKEN, tenant.id()).plainKey();
    assertThat(handOut(tenant.slug(), key).statusCode()).isEqualTo(200);

    fixture.needsReconnectElsewhere(tenant.id());
    fixture.awaitTwoChangeWatchPolls();

    HttpResponse<String> response = handOut(tenant.slug(), key);
    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body()).doesNotContain(tenant.firstAccessToken());
  }

  /**
   * Another node deletes the tenant: two polls later its slug is unknown here (404), though token
   * and slug were cached well within the TTL. The deletion note names tenant and slug only, and the
   * maintenance job prunes it after a day.
   */
  @Test
  void anotherNodesDeletionReachesThisNodesCacheAtTheNextPolls() throws Exception {
    Connected tenant = connectedTenant("wd");
    String key = apiKeys.issue("it-watch-delete", ApiKeyKind.TOKEN, null).plainKey();
    assertThat(handOut(tenant.slug(), key).statusCode()).isEqualTo(200);

    fixture.deleteElsewhere(tenant.id());
    fixture.awaitTwoChangeWatchPolls();

    HttpResponse<String> response = handOut(tenant.slug(), key);
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body()).doesNotContain(tenant.firstAccessToken());

    assertThat(fixture.deletionNoteSlug(tenant.id())).contains(tenant.slug());
    maintenance.runAll();
    assertThat(fixture.deletionNoteSlug(tenant.id())).as("younger than a day").isPresent();
    fixture.ageDeletionNote(tenant.id(), Duration.ofDays(1).plusMinutes(1));
    maintenance.runAll();
    assertThat(fixture.deletionNoteSlug(tenant.id())).isEmpty();
  }

  private static Duration cacheTtl() {
    return ConfigProvider.getConfig()
        .getOptionalValue("tokenwarden.handout.cache-ttl", Duration.class)
        .orElse(Duration.ofSeconds(15));
  }

  private Connected connectedTenant(String prefix) {
    Connected tenant = fixture.connectFresh(prefix);
    created.add(tenant.id());
    return tenant;
  }

  private HttpResponse<String> handOut(String slug, String key) throws Exception {
    return fixture.handOverHttp(slug, key);
  }
}
