package io.tokenwarden.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The archive every IT deploys: the WAR Maven just packaged, exactly as it ships. Tests add only
 * their own probes, so no test lists the application's classes by hand.
 */
public final class Deployments {

  private Deployments() {}

  public static WebArchive application() {
    File war = new File("target/token-warden.war");
    if (!war.isFile()) {
      throw new IllegalStateException(
          "Run the ITs through Maven (mvn verify): " + war + " missing");
    }
    return ShrinkWrap.create(ZipImporter.class, "token-warden-it.war")
        .importFrom(war)
        .as(WebArchive.class);
  }
}
