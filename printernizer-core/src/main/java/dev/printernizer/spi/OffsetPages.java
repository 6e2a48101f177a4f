package dev.printernizer.spi;

import dev.printernizer.api.Job;
import dev.printernizer.api.JobQuery;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The default of {@link JobStore#scan}: pages of {@link JobQuery#MAX_LIMIT} jobs by offset, read
 * when the previous page is used up. Not thread-safe.
 */
final class OffsetPages implements Iterator<Job> {
  private final JobStore store;
  private final JobQuery filter;
  private List<Job> page = List.of();
  private int index;
  private int offset;
  private boolean last;

  OffsetPages(JobStore store, JobQuery filter) {
    this.store = store;
    this.filter = filter;
  }

  @Override
  public boolean hasNext() {
    if (index < page.size()) {
      return true;
    }
    if (last) {
      return false;
    }
    page = store.query(filter.withPage(offset, JobQuery.MAX_LIMIT));
    offset += page.size();
    index = 0;
    last = page.size() < JobQuery.MAX_LIMIT;
    return !page.isEmpty();
  }

  @Override
  public Job next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.get(index++);
  }
}
