package io.tokenwarden.interfaces.web.connect;

import io.tokenwarden.application.onboarding.ConnectResult;
import io.tokenwarden.application.onboarding.ConnectService;
import io.tokenwarden.application.onboarding.ConnectStart;
import io.tokenwarden.infrastructure.crypto.SecretHash;
import io.tokenwarden.infrastructure.runtime.PublicUrl;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The tenant's side of connecting, without login or session: {@code GET /connect/{token}} shows the
 * landing page, {@code POST /connect/{token}} (its one button) starts an attempt and answers 303 to
 * FreeAgent's approve page with the browser-binding cookie, and {@code GET /connect/callback}
 * finishes; {@code POST /connect/again} (the Try again button of an error page) starts a new
 * attempt through the link of this browser's newest one. The binding cookie is {@code
 * SameSite=Lax}: FreeAgent's redirect back is a top-level cross-site GET, which Strict would strip
 * (ADR 0010).
 */
@WebServlet(name = "ConnectServlet", urlPatterns = "/connect/*")
public class ConnectServlet extends HttpServlet {

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(ConnectServlet.class.getName());

  /** The browser-binding cookie; its value is a 256-bit secret stored only as a hash. */
  static final String BINDING_COOKIE = "tw_connect";

  @Inject ConnectService connect;

  @Inject PublicUrl publicUrl;

  @Inject ConnectBranding branding;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = pathInfo(request);
    try {
      if ("callback".equals(path)) {
        ConnectResult result =
            connect.complete(
                request.getParameter("code"),
                request.getParameter("state"),
                request.getParameter("error"),
                bindingCookie(request));
        render(response, request, ConnectPages.result(result));
      } else if (SecretHash.isWellFormed(path)) {
        render(response, request, ConnectPages.landing(connect.open(path)));
      } else {
        render(response, request, ConnectPages.notFound());
      }
    } catch (RuntimeException e) {
      failed(request, response, e);
    }
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = pathInfo(request);
    boolean again = "again".equals(path);
    if (!again && !SecretHash.isWellFormed(path)) {
      render(response, request, ConnectPages.notFound());
      return;
    }
    if (isCrossSite(request)) {
      render(response, request, ConnectPages.crossSiteRefused());
      return;
    }
    try {
      ConnectStart start =
          again
              ? connect.startAgain(bindingCookie(request))
              : connect.start(path, bindingCookie(request));
      if (!start.started()) {
        render(response, request, ConnectPages.refusal(start.refusal(), null));
        return;
      }
      response.addHeader("Set-Cookie", bindingCookieHeader(request, start.browserBinding()));
      response.setStatus(HttpServletResponse.SC_SEE_OTHER);
      response.setHeader("Location", start.approveUrl().toString());
    } catch (RuntimeException e) {
      failed(request, response, e);
    }
  }

  private String bindingCookieHeader(HttpServletRequest request, String binding) {
    StringBuilder cookie =
        new StringBuilder(BINDING_COOKIE)
            .append('=')
            .append(binding)
            .append("; Path=")
            .append(request.getContextPath())
            .append("/connect; Max-Age=")
            .append(connect.attemptLifetime().toSeconds())
            .append("; HttpOnly; SameSite=Lax");
    if (publicUrl.base().startsWith("https:")) {
      cookie.append("; Secure");
    }
    return cookie.toString();
  }

  /**
   * The Connect button must be pressed on our own page. Browsers send {@code Sec-Fetch-Site}; the
   * {@code Origin} of a form post from a no-referrer page is "null", so only a real foreign origin
   * is refused.
   */
  private boolean isCrossSite(HttpServletRequest request) {
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if ("cross-site".equalsIgnoreCase(fetchSite) || "same-site".equalsIgnoreCase(fetchSite)) {
      return true;
    }
    String origin = request.getHeader("Origin");
    if (origin == null || origin.equals("null")) {
      return false;
    }
    return !origin.equalsIgnoreCase(originOf(publicUrl.base()))
        && !origin.equalsIgnoreCase(originOf(request.getRequestURL().toString()));
  }

  private static String originOf(String url) {
    try {
      URI uri = URI.create(url);
      return uri.getScheme() + "://" + uri.getRawAuthority();
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static String bindingCookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (BINDING_COOKIE.equals(cookie.getName())) {
        return cookie.getValue();
      }
    }
    return null;
  }

  private static String pathInfo(HttpServletRequest request) {
    String info = request.getPathInfo();
    if (info == null || info.length() < 2) {
      return "";
    }
    return info.substring(1);
  }

  private void failed(HttpServletRequest request, HttpServletResponse response, RuntimeException e)
      throws IOException {
    // The class only: request parameters (code, state) must never reach the log.
    LOG.log(Level.SEVERE, "Connect page failed: " + e.getClass().getName());
    if (!response.isCommitted()) {
      response.resetBuffer();
      render(response, request, ConnectPages.internalError());
    }
  }

  private void render(HttpServletResponse response, HttpServletRequest request, Page page)
      throws IOException {
    byte[] html =
        ConnectPages.document(page, request.getContextPath(), branding.branding())
            .getBytes(StandardCharsets.UTF_8);
    response.setStatus(page.status());
    response.setContentType("text/html;charset=UTF-8");
    response.setContentLength(html.length);
    response.getOutputStream().write(html);
  }
}
