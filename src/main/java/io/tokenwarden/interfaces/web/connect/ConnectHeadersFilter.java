package io.tokenwarden.interfaces.web.connect;

import io.tokenwarden.infrastructure.freeagent.FreeAgentSettings;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;

/**
 * Security headers on every connect page and its stylesheet. {@code Referrer-Policy: no-referrer}
 * keeps the link token (in the path) and the code (in the callback query) out of the Referer sent
 * to any other site; {@code no-store} keeps them out of caches; the CSP allows only our own
 * stylesheet and form posts to ourselves and to FreeAgent (Chrome checks form-action against the
 * 303 redirect to the approve page too).
 */
@WebFilter(
    filterName = "ConnectHeadersFilter",
    urlPatterns = {"/connect/*", "/assets/connect.css"})
public class ConnectHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject FreeAgentSettings settings;

  private volatile String contentSecurityPolicy;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Referrer-Policy", "no-referrer");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("Content-Security-Policy", contentSecurityPolicy());
    chain.doFilter(request, response);
  }

  private String contentSecurityPolicy() {
    String policy = contentSecurityPolicy;
    if (policy == null) {
      URI authorize = settings.authorizeUrl();
      String provider = authorize.getScheme() + "://" + authorize.getRawAuthority();
      policy =
          "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self' "
              + provider
              + "; frame-ancestors 'none'; base-uri 'none'";
      contentSecurityPolicy = policy;
    }
    return policy;
  }
}
