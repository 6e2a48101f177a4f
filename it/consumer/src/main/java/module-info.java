/**
 * An integrator's application on the module path: it requires core and the JDBC store only; the
 * two drivers and the SLF4J binding are on the module path and bound as services.
 */
module it.consumer {
  requires dev.printernizer.core;
  requires dev.printernizer.jdbc;
  requires org.postgresql.jdbc; // an automatic module (Automatic-Module-Name in its manifest)
  requires java.naming; // PGSimpleDataSource is a javax.naming.Referenceable
}
