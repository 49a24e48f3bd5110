package io.tokenwarden.interfaces.web.admin;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a person goes after signing in: back to the console page they asked for (a tenant page from
 * a bookmark, an alert, a chat message), else the tenants page. Liberty remembers the page asked
 * for in its {@code WASReqURL} cookie when it redirects to the login page; only its path and query
 * are used, and only below {@code /admin/}, so the cookie cannot send anyone to another site.
 */
final class ContinueAfterSignIn {

  /** The cookie in which Liberty's LoginToContinue keeps the URL of the request it interrupted. */
  static final String SAVED_REQUEST_COOKIE = "WASReqURL";

  private ContinueAfterSignIn() {}

  /**
   * The context-relative address to redirect to, e.g. {@code /admin/tenant.xhtml?slug=acme}.
   *
   * @param savedUrl the cookie's value, or null
   * @param contextPath the application's context path ("" at the root)
   */
  static String target(String savedUrl, String contextPath) {
    String fallback = "/admin/";
    if (savedUrl == null || savedUrl.isBlank()) {
      return fallback;
    }
    try {
      String url =
          savedUrl.contains("://") ? savedUrl : URLDecoder.decode(savedUrl, StandardCharsets.UTF_8);
      URI uri = URI.create(url.strip());
      String path = uri.getRawPath();
      if (path == null || !path.startsWith(contextPath + "/admin/") || path.contains("..")) {
        return fallback;
      }
      String relative = path.substring(contextPath.length());
      return uri.getRawQuery() == null ? relative : relative + "?" + uri.getRawQuery();
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }
}
