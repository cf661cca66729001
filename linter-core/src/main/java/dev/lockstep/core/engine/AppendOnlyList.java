package dev.lockstep.core.engine;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * A list that only grows, whose snapshots are O(1): a snapshot sees the elements present when it
 * was taken, however much the list grows later. Lets every statement of a long transaction see
 * "the operations before it" without copying them.
 */
final class AppendOnlyList<T> {
  private Object[] items = new Object[16];
  private int size;

  void add(T item) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = item;
  }

  /** Starts over; earlier snapshots keep their elements. */
  void clear() {
    items = new Object[16];
    size = 0;
  }

  List<T> snapshot() {
    return size == 0 ? List.of() : new Snapshot<>(items, size);
  }

  private static final class Snapshot<T> extends AbstractList<T> implements RandomAccess {
    private final Object[] items;
    private final int size;

    Snapshot(Object[] items, int size) {
      this.items = items;
      this.size = size;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get(int index) {
      if (index < 0 || index >= size) {
        throw new IndexOutOfBoundsException(index);
      }
      return (T) items[index];
    }

    @Override
    public int size() {
      return size;
    }
  }
}
