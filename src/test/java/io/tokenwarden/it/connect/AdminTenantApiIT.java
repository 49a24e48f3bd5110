package io.tokenwarden.it.connect;

import static io.tokenwarden.it.connect.ConnectFixture.issueLink;
import static io.tokenwarden.it.connect.ConnectFixture.newTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.tokenwarden.it.Deployments;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin REST API for automation: tenants and onboarding links with an ADMIN key; every error is
 * problem+json and names what to fix.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminTenantApiIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.application();
  }

  /** Create answers 201 with a Location that reads the tenant back, PENDING and without tokens. */
  @Test
  void createThenRead() {
    String slug = "api-" + suffix();

    HttpResponse<String> created =
        ItHttp.adminPost(
            "/api/v1/tenants", "{\"slug\":\"" + slug + "\",\"displayName\":\"  Api Ltd \"}");

    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    assertThat(location).endsWith("/api/v1/tenants/" + slug);
    JsonObject body = Json.parse(created.body());
    assertThat(body.getString("displayName")).isEqualTo("Api Ltd");
    assertThat(body.getString("status")).isEqualTo("PENDING");
    HttpResponse<String> read =
        ItHttp.send(
            HttpRequest.newBuilder(URI.create(location))
                .header("Authorization", "Bearer " + ItHttp.ADMIN_KEY)
                .GET());
    assertThat(read.statusCode()).isEqualTo(200);
    JsonObject tenant = Json.parse(read.body());
    assertThat(tenant.getString("slug")).isEqualTo(slug);
    assertThat(tenant.getJsonObject("connection").getString("status")).isEqualTo("PENDING");
    assertThat(read.body()).doesNotContain("ciphertext").doesNotContain("v1:");
  }

  /** Invalid input is a 400 problem naming the field; a taken slug 409; unknown tenant 404. */
  @Test
  void errorsNameWhatToFix() {
    HttpResponse<String> badSlug =
        ItHttp.adminPost("/api/v1/tenants", "{\"slug\":\"Not A Slug\",\"displayName\":\"X\"}");
    HttpResponse<String> noName =
        ItHttp.adminPost("/api/v1/tenants", "{\"slug\":\"ok-" + suffix() + "\"}");
    HttpResponse<String> notJson = ItHttp.adminPost("/api/v1/tenants", "slug=x");
    String slug = newTenant("api-dup", "Dup Ltd").getString("slug");
    HttpResponse<String> taken =
        ItHttp.adminPost(
            "/api/v1/tenants", "{\"slug\":\"" + slug + "\",\"displayName\":\"Dup again\"}");
    HttpResponse<String> unknown = ItHttp.adminGet("/api/v1/tenants/no-such-" + suffix());
    HttpResponse<String> badLimit = ItHttp.adminGet("/api/v1/tenants?limit=0");
    HttpResponse<String> badPurpose =
        ItHttp.adminPost("/api/v1/tenants/" + slug + "/onboarding-links", "{\"purpose\":\"x\"}");

    assertProblem(badSlug, 400, "slug");
    assertProblem(noName, 400, "displayName");
    assertProblem(notJson, 400, null);
    assertProblem(taken, 409, null);
    assertProblem(unknown, 404, null);
    assertProblem(badLimit, 400, "limit");
    assertProblem(badPurpose, 400, "purpose");
  }

  /** Without a key 401, with a TOKEN key 403; neither answer echoes the key. */
  @Test
  void onlyAdminKeys() {
    HttpResponse<String> none =
        ItHttp.send(HttpRequest.newBuilder(URI.create(ItHttp.url("/api/v1/tenants"))).GET());
    HttpResponse<String> wrong =
        ItHttp.send(
            HttpRequest.newBuilder(URI.create(ItHttp.url("/api/v1/tenants")))
                .header("Authorization", "Bearer tw_not-a-real-key-000000000000")
                .GET());

    assertProblem(none, 401, null);
    assertProblem(wrong, 401, null);
    assertThat(wrong.body()).doesNotContain("tw_not-a-real-key");
  }

  /** The list pages in slug order and shows each tenant's status. */
  @Test
  void listsTenantsPageByPage() {
    String prefix = "page-" + suffix();
    newTenant(prefix + "-a", "Page A");
    newTenant(prefix + "-b", "Page B");

    HttpResponse<String> first = ItHttp.adminGet("/api/v1/tenants?offset=0&limit=500");

    assertThat(first.statusCode()).isEqualTo(200);
    JsonObject page = Json.parse(first.body());
    assertThat(page.getInt("limit")).isEqualTo(500);
    JsonArray items = page.getJsonArray("items");
    assertThat(
            items.stream()
                .map(JsonObject.class::cast)
                .filter(t -> t.getString("slug").startsWith(prefix)))
        .hasSize(2)
        .allSatisfy(t -> assertThat(t.getString("status")).isEqualTo("PENDING"));
    HttpResponse<String> one = ItHttp.adminGet("/api/v1/tenants?offset=1&limit=1");
    assertThat(Json.parse(one.body()).getJsonArray("items")).hasSize(1);
  }

  /**
   * A link is issued with its URL once (201, no-store); issuing again withdraws the first; the
   * listing shows states, never URLs.
   */
  @Test
  void issuesLinksShownOnce() {
    String slug = newTenant("api-link", "Link Ltd").getString("slug");

    JsonObject first = issueLink(slug);
    HttpResponse<String> second =
        ItHttp.adminPost(
            "/api/v1/tenants/" + slug + "/onboarding-links", "{\"purpose\":\"connect\"}");

    assertThat(first.getString("url")).matches(".*/connect/[A-Za-z0-9_-]{43}");
    assertThat(first.getString("purpose")).isEqualTo("CONNECT");
    assertThat(second.statusCode()).isEqualTo(201);
    assertThat(second.headers().firstValue("Cache-Control")).hasValue("no-store");
    String secondUrl = Json.parse(second.body()).getString("url");
    IssuedSecrets.remember(secondUrl.substring(secondUrl.lastIndexOf('/') + 1));
    HttpResponse<String> listing = ItHttp.adminGet("/api/v1/tenants/" + slug + "/onboarding-links");
    assertThat(listing.body()).doesNotContain("/connect/");
    JsonArray items = Json.parse(listing.body()).getJsonArray("items");
    assertThat(items.getJsonObject(0).getString("state")).isEqualTo("usable");
    assertThat(items.getJsonObject(1).getString("state")).isEqualTo("revoked");
  }

  private static void assertProblem(HttpResponse<String> response, int status, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    JsonObject problem = Json.parse(response.body());
    assertThat(problem.getInt("status")).isEqualTo(status);
    assertThat(problem.getString("detail")).isNotBlank();
    if (field != null) {
      assertThat(problem.getString("field")).isEqualTo(field);
    }
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
