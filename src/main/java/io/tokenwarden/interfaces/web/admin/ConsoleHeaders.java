package io.tokenwarden.interfaces.web.admin;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Security headers for the console and its login page: no framing, no MIME sniffing, referrers only
 * to this origin, nothing cached (pages may show a new key or link once). The
 * Content-Security-Policy itself is written by PrimeFaces (primefaces.CSP in web.xml) because only
 * it knows each response's script nonce.
 */
@WebFilter(
    filterName = "ConsoleHeaders",
    urlPatterns = {"/admin/*", "/login.xhtml", "/console-errors/*"})
public class ConsoleHeaders extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-store");
    chain.doFilter(request, response);
  }
}
