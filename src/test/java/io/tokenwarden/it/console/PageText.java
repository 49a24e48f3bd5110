package io.tokenwarden.it.console;

import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/** Reads a page's text in the browser ITs, across the moment a form post replaces the page. */
final class PageText {

  private PageText() {}

  /**
   * The visible text of the page's body. Read while a submitted form's answer replaces the page,
   * ChromeDriver reports the old body either as stale or as "Node with given id does not belong to
   * the document" (an unknown error); both become a {@link StaleElementReferenceException}, which
   * the ITs' waits ignore and poll again (seen once in CI, ConsoleIT).
   */
  static String body(WebDriver driver) {
    try {
      return driver.findElement(By.tagName("body")).getText();
    } catch (WebDriverException e) {
      if (e instanceof StaleElementReferenceException
          || String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        throw new StaleElementReferenceException("The page was replaced while it was read", e);
      }
      throw e;
    }
  }
}
