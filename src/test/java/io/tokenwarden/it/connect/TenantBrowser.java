package io.tokenwarden.it.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant's browser without the browser: keeps cookies, follows no redirect by itself, so a test
 * can stop between FreeAgent's answer and the callback (to let the code expire, to replay it, to
 * hand it to another browser). Every secret it sees is remembered for the log scan.
 */
final class TenantBrowser {

  private static final Pattern REQUEST_ID = Pattern.compile("name=\"request\" value=\"([^\"]+)\"");
  private static final Pattern FORM_ACTION =
      Pattern.compile("<form method=\"post\" action=\"([^\"]+)\"");

  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  HttpResponse<String> get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  HttpResponse<String> postForm(String url, String form) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** Opens the link and presses Connect; returns the approve_app URL FreeAgent is sent to. */
  String pressConnect(String linkUrl) {
    HttpResponse<String> landing = get(linkUrl);
    assertThat(landing.statusCode()).as("landing page").isEqualTo(200);
    HttpResponse<String> start = postForm(linkUrl, "");
    assertThat(start.statusCode()).as("Connect answers 303").isEqualTo(303);
    String approveUrl = start.headers().firstValue("Location").orElseThrow();
    IssuedSecrets.remember(queryParameter(approveUrl, "state"));
    IssuedSecrets.remember(binding());
    return approveUrl;
  }

  /**
   * On the emulator's approve page, signs in as {@code userId} and approves or denies; returns the
   * URL FreeAgent sends the browser back to (the callback with code or error, and state).
   */
  String decide(String approveUrl, long userId, boolean approve) {
    HttpResponse<String> page = get(approveUrl);
    assertThat(page.statusCode()).as("approve page").isEqualTo(200);
    String requestId = unescape(find(REQUEST_ID, page.body()));
    String action = unescape(find(FORM_ACTION, page.body()));
    HttpResponse<String> decision =
        postForm(
            URI.create(approveUrl).resolve(action).toString(),
            "request="
                + encode(requestId)
                + "&user_id="
                + userId
                + "&decision="
                + (approve ? "approve" : "deny"));
    assertThat(decision.statusCode()).as("approve decision redirects").isEqualTo(303);
    String callback = decision.headers().firstValue("Location").orElseThrow();
    IssuedSecrets.remember(queryParameter(callback, "code"));
    return callback;
  }

  /**
   * The whole path: link, Connect, approve as {@code userId}, callback; returns the result page.
   */
  HttpResponse<String> connect(String linkUrl, long userId) {
    return get(decide(pressConnect(linkUrl), userId, true));
  }

  /** The browser-binding cookie this browser holds, or null. */
  String binding() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("tw_connect"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElse(null);
  }

  /** Gives this browser another browser's binding cookie (the same browser, two clients). */
  void adoptBinding(String value, String baseUrl) {
    HttpCookie cookie = new HttpCookie("tw_connect", value);
    cookie.setPath("/connect");
    cookie.setVersion(0);
    cookies.getCookieStore().add(URI.create(baseUrl), cookie);
  }

  static String queryParameter(String url, String name) {
    String query = URI.create(url).getRawQuery();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String find(Pattern pattern, String html) {
    Matcher matcher = pattern.matcher(html);
    assertThat(matcher.find()).as("approve page has " + pattern).isTrue();
    return matcher.group(1);
  }

  private static String unescape(String html) {
    return html.replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
