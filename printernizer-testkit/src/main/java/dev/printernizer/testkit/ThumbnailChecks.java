package dev.printernizer.testkit;

import static dev.printernizer.testkit.JobStoreCompatibilityKit.autoJob;
import static dev.printernizer.testkit.JobStoreCompatibilityKit.printer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.printernizer.api.Job;
import dev.printernizer.api.Thumbnail;
import dev.printernizer.spi.JobStore;
import java.io.ByteArrayOutputStream;
import java.util.Optional;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The picture part of {@link JobStoreCompatibilityKit} ({@link JobStore#updateThumbnail}). */
abstract class ThumbnailChecks extends StoreChecks {

  /** A PNG header of the given size followed by {@code body} random bytes (seeded). */
  static Thumbnail png(int width, int height, int body, long seed) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
    byte[] ihdr = {0, 0, 0, 13, 'I', 'H', 'D', 'R', (byte) (width >> 24), (byte) (width >> 16),
        (byte) (width >> 8), (byte) width, (byte) (height >> 24), (byte) (height >> 16),
        (byte) (height >> 8), (byte) height, 8, 6, 0, 0, 0};
    b.writeBytes(ihdr);
    CRC32 crc = new CRC32();
    crc.update(ihdr, 4, ihdr.length - 4);
    long c = crc.getValue();
    b.writeBytes(new byte[] {(byte) (c >> 24), (byte) (c >> 16), (byte) (c >> 8), (byte) c});
    byte[] rest = new byte[body];
    new Random(seed).nextBytes(rest); // every byte value, zeros included
    b.writeBytes(rest);
    return Thumbnail.ofPng(b.toByteArray());
  }

  private boolean put(String id, Thumbnail t) {
    try {
      return store().updateThumbnail(id, t);
    } catch (UnsupportedOperationException e) {
      Assumptions.abort("this store does not keep thumbnails (the default of"
          + " JobStore.updateThumbnail): " + e.getMessage());
      throw e;
    }
  }

  @Test
  @DisplayName("thumbnails: kept byte for byte, replaced, the job left as it was")
  void roundTrip() {
    Job j = store().createIfAbsent(autoJob(printer("th"), "k", "a.3mf", T0)).requireJob();
    Thumbnail big = png(512, 512, Thumbnail.MAX_BYTES - 33, 1);
    assertTrue(put(j.id(), big), "updateThumbnail answered false for a stored job");
    Thumbnail got = store().thumbnail(j.id()).orElseThrow(() -> new AssertionError(
        "the thumbnail was not kept"));
    assertArrayEquals(big.png(), got.png(), lost("thumbnail bytes (" + big.size() + ")"));
    assertEquals(j, store().get(j.id()).orElseThrow(),
        "updateThumbnail changed the job (its version included)");
    Thumbnail small = png(64, 48, 10, 2);
    assertTrue(put(j.id(), small));
    assertEquals(Optional.of(small), store().thumbnail(j.id()), "the second picture replaces"
        + " the first");
  }

  @Test
  @DisplayName("thumbnails: false for a missing job; none for a job without one")
  void missingJob() {
    assertFalse(put("no-such-job", png(8, 8, 0, 3)));
    assertEquals(Optional.empty(), store().thumbnail("no-such-job"));
    Job j = store().createIfAbsent(autoJob(printer("th"), "k2", "b.3mf", T0)).requireJob();
    assertEquals(Optional.empty(), store().thumbnail(j.id()));
  }

  @Test
  @DisplayName("thumbnails: deleted with the job; a new job with that id has none")
  void deletedWithTheJob() {
    Job j = store().createIfAbsent(autoJob(printer("th"), "k3", "c.3mf", T0)).requireJob();
    assertTrue(put(j.id(), png(16, 16, 100, 4)));
    assertTrue(store().delete(j.id()));
    assertEquals(Optional.empty(), store().thumbnail(j.id()), "the picture outlived its job");
    Job again = store().insert(Job.builder(j.id(), j.printerId(), "again", T0).build());
    assertEquals(Optional.empty(), store().thumbnail(again.id()),
        "a new job with the id of a deleted one shows the old picture");
  }
}
