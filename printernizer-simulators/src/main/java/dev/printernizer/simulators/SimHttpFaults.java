package dev.printernizer.simulators;

import java.time.Duration;

/**
 * The faults a simulated HTTP printer injects into its next answers, as counters that each
 * answer takes from: failed with a status, garbage or cut-off JSON, no job content, the
 * connection dropped unanswered, a real-time delay. Thread-safe.
 */
final class SimHttpFaults {
  private int failNext;
  private int failStatus = 500;
  private int garbageNext;
  private int truncateNext;
  private int noJobNext;
  private int dropNext;
  private int delayNext;
  private Duration delay = Duration.ZERO;

  synchronized void failNext(int n, int status) {
    failNext = n;
    failStatus = status;
  }

  synchronized void garbageNext(int n) {
    garbageNext = n;
  }

  synchronized void truncateNext(int n) {
    truncateNext = n;
  }

  synchronized void noJobContentNext(int n) {
    noJobNext = n;
  }

  synchronized void dropNext(int n) {
    dropNext = n;
  }

  synchronized void delayNext(int n, Duration d) {
    delayNext = n;
    delay = d;
  }

  /** @return whether this request's connection is to be dropped unanswered */
  synchronized boolean takeDrop() {
    if (dropNext > 0) {
      dropNext--;
      return true;
    }
    return false;
  }

  /** @return how long to wait before answering this request (zero: none) */
  synchronized Duration takeDelay() {
    if (delayNext > 0) {
      delayNext--;
      return delay;
    }
    return Duration.ZERO;
  }

  /** @return the status this request fails with, or 0 */
  synchronized int takeFailure() {
    if (failNext > 0) {
      failNext--;
      return failStatus;
    }
    return 0;
  }

  /** @return whether this job answer is to say "no content" although a job runs */
  synchronized boolean takeNoJob() {
    if (noJobNext > 0) {
      noJobNext--;
      return true;
    }
    return false;
  }

  /**
   * @param status the answer's status
   * @param body the answer
   * @return the body as sent: garbage or cut in half while those faults last (200 answers only)
   */
  synchronized String mangle(int status, String body) {
    if (status == 200 && garbageNext > 0) {
      garbageNext--;
      return "\u0000<html>{\"printer\": [unterminated";
    }
    if (status == 200 && truncateNext > 0) {
      truncateNext--;
      return body.substring(0, body.length() / 2);
    }
    return body;
  }
}
