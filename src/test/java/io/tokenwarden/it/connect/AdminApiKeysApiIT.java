package io.tokenwarden.it.connect;

import static io.tokenwarden.it.connect.AdminTenantApiIT.assertProblem;
import static io.tokenwarden.it.connect.ConnectFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tokenwarden.it.Deployments;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API keys managed through the admin API: issued with kind, tenant scope and expiry (the key in the
 * 201 answer only), listed without secrets, revoked (not by themselves); each action logged naming
 * the calling key, and no issued key anywhere in the server's logs.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiKeysApiIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  /**
   * A scoped TOKEN key: shown once, works on its tenant only, listed without the key, revoked at
   * once; the log names who issued and revoked it.
   */
  @Test
  void scopedTokenKeyLifecycle() {
    String slug = newTenant("keys-scope", "Keys Scope Ltd").getString("slug");
    String other = newTenant("keys-other", "Keys Other Ltd").getString("slug");
    String name = "billing-" + suffix();
    Instant expiry = Instant.now().plus(Duration.ofDays(30));

    HttpResponse<String> created =
        ItHttp.adminPost(
            "/api/v1/api-keys",
            "{\"name\":\""
                + name
                + "\",\"kind\":\"token\",\"tenant\":\""
                + slug
                + "\",\"expiresAt\":\""
                + expiry
                + "\"}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonObject key = Json.parse(created.body());
    String plain = IssuedSecrets.remember(key.getString("key"));
    assertThat(plain).startsWith("tw_").startsWith(key.getString("keyPrefix"));
    assertThat(key.getString("kind")).isEqualTo("TOKEN");
    assertThat(key.getString("tenant")).isEqualTo(slug);
    assertThat(Instant.parse(key.getString("expiresAt"))).isEqualTo(expiry);
    assertThat(key.getString("state")).isEqualTo("active");
    assertThat(created.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith("/api/v1/api-keys/" + key.getString("id")));

    // Authenticated (not 401) and scoped: its tenant is merely not connected, the other is out.
    HttpResponse<String> own = ItHttp.as(plain, "GET", tokenPath(slug), null);
    HttpResponse<String> foreign = ItHttp.as(plain, "GET", tokenPath(other), null);
    HttpResponse<String> admin = ItHttp.as(plain, "GET", "/api/v1/tenants", null);
    assertProblem(own, 409, null, "not-connected");
    assertThat(Json.parse(own.body()).getString("connectionStatus")).isEqualTo("PENDING");
    assertProblem(foreign, 403, null, "out-of-scope");
    assertProblem(admin, 403, null, "wrong-key-kind");

    HttpResponse<String> listing = ItHttp.adminGet("/api/v1/api-keys");
    assertThat(listing.statusCode()).isEqualTo(200);
    assertThat(listing.body()).doesNotContain(plain).doesNotContain("keyHash");
    assertThat(
            Json.parse(listing.body()).getJsonArray("items").stream()
                .map(JsonObject.class::cast)
                .filter(k -> k.getString("id").equals(key.getString("id"))))
        .singleElement()
        .satisfies(k -> assertThat(k.getString("tenant")).isEqualTo(slug))
        .satisfies(k -> assertThat(k.containsKey("key")).isFalse());

    HttpResponse<String> revoked = ItHttp.adminDelete("/api/v1/api-keys/" + key.getString("id"));
    assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(204);
    assertProblem(ItHttp.as(plain, "GET", tokenPath(slug), null), 401, null, "unauthorized");
    assertThat(stateOf(key.getString("id"))).isEqualTo("revoked");
    assertThat(ConnectFlowIT.serverLog())
        .contains("API key '" + name + "' (TOKEN, id " + key.getString("id"))
        .contains("issued by API key bootstrap")
        .contains(
            "API key '" + name + "' (id " + key.getString("id") + ") revoked by API key bootstrap");
  }

  /** An ADMIN key works on the admin API, cannot revoke itself, and another admin key can. */
  @Test
  void adminKeyCannotRevokeItself() {
    JsonObject key = issue("{\"name\":\"ops-" + suffix() + "\",\"kind\":\"ADMIN\"}");
    String plain = IssuedSecrets.remember(key.getString("key"));
    String id = key.getString("id");

    HttpResponse<String> list = ItHttp.as(plain, "GET", "/api/v1/api-keys", null);
    HttpResponse<String> self = ItHttp.as(plain, "DELETE", "/api/v1/api-keys/" + id, null);

    assertThat(list.statusCode()).isEqualTo(200);
    assertProblem(self, 403, null, "self-revocation");
    assertThat(stateOf(id)).isEqualTo("active");
    assertThat(ItHttp.adminDelete("/api/v1/api-keys/" + id).statusCode()).isEqualTo(204);
    assertProblem(ItHttp.as(plain, "GET", "/api/v1/api-keys", null), 401, null, "unauthorized");
  }

  /** A key past its expiry authenticates no more, without anyone revoking it. */
  @Test
  void expiredKeyIsRefused() {
    Instant expiry = Instant.now().plusSeconds(2);
    JsonObject key =
        issue(
            "{\"name\":\"short-"
                + suffix()
                + "\",\"kind\":\"ADMIN\",\"expiresAt\":\""
                + expiry
                + "\"}");
    String plain = IssuedSecrets.remember(key.getString("key"));
    assertThat(ItHttp.as(plain, "GET", "/api/v1/api-keys", null).statusCode()).isEqualTo(200);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ItHttp.as(plain, "GET", "/api/v1/api-keys", null).statusCode() == 401);
    assertThat(stateOf(key.getString("id"))).isEqualTo("expired");
  }

  /** Every mistake is a 400 naming its field; unknown ids are 404. */
  @Test
  void validationNamesTheField() {
    String slug = newTenant("keys-bad", "Keys Bad Ltd").getString("slug");

    assertProblem(
        ItHttp.adminPost("/api/v1/api-keys", "{\"kind\":\"TOKEN\"}"), 400, "name", "validation");
    assertProblem(
        ItHttp.adminPost("/api/v1/api-keys", "{\"name\":\"x\",\"kind\":\"ROOT\"}"),
        400,
        "kind",
        "validation");
    assertProblem(
        ItHttp.adminPost("/api/v1/api-keys", "{\"name\":\"x\"}"), 400, "kind", "validation");
    assertProblem(
        ItHttp.adminPost(
            "/api/v1/api-keys", "{\"name\":\"x\",\"kind\":\"ADMIN\",\"tenant\":\"" + slug + "\"}"),
        400,
        "tenant",
        "validation");
    assertProblem(
        ItHttp.adminPost(
            "/api/v1/api-keys", "{\"name\":\"x\",\"kind\":\"TOKEN\",\"tenant\":\"no-such-zz9\"}"),
        400,
        "tenant",
        "validation");
    assertProblem(
        ItHttp.adminPost(
            "/api/v1/api-keys",
            "{\"name\":\"x\",\"kind\":\"TOKEN\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}"),
        400,
        "expiresAt",
        "validation");
    assertProblem(
        ItHttp.adminPost(
            "/api/v1/api-keys", "{\"name\":\"x\",\"kind\":\"TOKEN\",\"expiresAt\":\"tomorrow\"}"),
        400,
        "expiresAt",
        "validation");
    assertProblem(
        ItHttp.adminDelete("/api/v1/api-keys/" + UUID.randomUUID()),
        404,
        null,
        "api-key-not-found");
    assertProblem(
        ItHttp.adminDelete("/api/v1/api-keys/not-a-uuid"), 404, null, "api-key-not-found");
  }

  /** No key issued through the API (nor any secret the suite saw) reached the server's logs. */
  @AfterAll
  static void noKeyInTheServerLog() {
    IssuedSecrets.assertNoneInServerLogs();
  }

  private static JsonObject issue(String body) {
    HttpResponse<String> created = ItHttp.adminPost("/api/v1/api-keys", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return Json.parse(created.body());
  }

  private static String stateOf(String id) {
    return Json.parse(ItHttp.adminGet("/api/v1/api-keys").body()).getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(k -> k.getString("id").equals(id))
        .findFirst()
        .orElseThrow()
        .getString("state");
  }

  private static String tokenPath(String slug) {
    return "/api/v1/tenants/" + slug + "/access-token";
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
