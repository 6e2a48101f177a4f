/**
 * Printernizer's Spring Boot starter: auto-configuration of the engine from
 * {@code printernizer.*} properties, with an Actuator health indicator and the Micrometer binder.
 * See {@code docs/spring-boot.md}. Spring reads the configuration classes reflectively, so their
 * package is open to Spring.
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"}) // Spring Boot jars
// carry Automatic-Module-Names
module dev.printernizer.spring.boot {
  requires transitive dev.printernizer.core;
  requires transitive spring.boot.autoconfigure;
  requires transitive spring.boot;
  requires transitive spring.context;
  requires transitive spring.beans;
  requires spring.core;
  requires java.sql;
  requires org.slf4j;
  requires static dev.printernizer.jdbc;
  requires static transitive dev.printernizer.micrometer;
  requires static transitive micrometer.core;
  requires static transitive spring.boot.health;
  requires static transitive spring.boot.actuator;

  exports dev.printernizer.spring.boot;
  exports dev.printernizer.spring.boot.autoconfigure;
  exports dev.printernizer.spring.boot.health;

  opens dev.printernizer.spring.boot to spring.beans, spring.core, spring.boot;
  opens dev.printernizer.spring.boot.autoconfigure to spring.beans, spring.core, spring.context;
}
