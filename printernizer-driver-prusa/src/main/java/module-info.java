/** The Prusa driver of Printernizer: PrusaLink v1 (and legacy) HTTP polling with digest auth. */
module dev.printernizer.driver.prusa {
  requires transitive dev.printernizer.core;
  requires okhttp3;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.printernizer.driver.prusa;

  provides dev.printernizer.spi.PrinterDriverProvider
      with dev.printernizer.driver.prusa.PrusaDriverProvider;
}
