package dev.lockstep.core.recognize;

import dev.lockstep.core.ir.ObjectName;
import dev.lockstep.core.ir.TableRead;
import dev.lockstep.core.ir.TableRead.Condition;
import dev.lockstep.core.ir.TableRead.Match;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The tables of one query block as a reader finds them ({@link TokenReads} from tokens, {@link
 * QueryReads} from JSqlParser's tree), with the columns the block mentions and the conditions that
 * restrict each table; {@link #emit} turns them into {@link TableRead}s. The readers tell it what
 * the text holds; which table a column belongs to and which comparisons restrict a table is
 * decided here, the same way for both.
 */
final class ReadBlock {

  /** A column reference: its name and the last part of the table it is qualified with, if any. */
  record Ref(String qualifier, String name) {}

  private static final class Entry {
    final ObjectName table;
    final String alias;
    final List<Condition> conditions = new ArrayList<>();
    final Set<String> columns = new LinkedHashSet<>();
    boolean preserved;

    Entry(ObjectName table, String alias, boolean preserved) {
      this.table = table;
      this.alias = alias;
      this.preserved = preserved;
    }

    /** Whether a column with this reference may be one of this table's: any unqualified one may. */
    boolean owns(Ref r) {
      if (r.qualifier() == null) {
        return true;
      }
      return alias != null ? alias.equals(r.qualifier()) : table.name().equals(r.qualifier());
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private boolean orderedLimit;

  /** A table of the block's FROM (or the target of UPDATE / DELETE); names of WITH queries are not tables. */
  void add(ObjectName table, String alias, boolean preserved, Set<String> cteNames) {
    if (table.schema().isEmpty() && cteNames.contains(table.name())) {
      return;
    }
    entries.add(new Entry(table, alias, preserved));
  }

  /** The block has ORDER BY with LIMIT / FETCH. */
  void orderedLimit(boolean value) {
    orderedLimit = value;
  }

  /** An outer join makes every table so far a preserved side. */
  void preserveAll() {
    entries.forEach(e -> e.preserved = true);
  }

  /** {@code qualifier.*}, or {@code *} with a null qualifier. */
  void star(String qualifier) {
    Ref r = new Ref(qualifier, "*");
    for (Entry e : entries) {
      if (e.owns(r)) {
        e.columns.add("*");
      }
    }
  }

  /** {@code JOIN ... USING (column)}: a join condition on every table so far. */
  void joinOnAll(String column) {
    for (Entry e : entries) {
      e.conditions.add(new Condition(List.of(column), Match.JOIN, false));
      e.columns.add(column);
    }
  }

  /** A column the block mentions. */
  void mention(Ref r) {
    for (Entry e : entries) {
      if (e.owns(r)) {
        e.columns.add(r.name());
      }
    }
  }

  /**
   * One conjunct that compares two sides: {@code left} and {@code right} are the columns the sides
   * are (under parentheses and casts), or null; {@code leftMentions} / {@code rightMentions} whether
   * a side mentions any column. A column compared with something that mentions no column restricts
   * its table; two columns compared for equality are a join.
   */
  void compare(Match match, Ref left, Ref right, boolean leftMentions, boolean rightMentions) {
    if (left != null && right != null) {
      if (match == Match.EQUALS_CONSTANT) {
        joinCondition(left);
        joinCondition(right);
      }
      return;
    }
    Ref only = left != null ? left : right;
    boolean otherMentions = left != null ? rightMentions : leftMentions;
    if (only == null || otherMentions) {
      return;
    }
    for (Entry e : entries) {
      if (e.owns(only)) {
        e.conditions.add(new Condition(List.of(only.name()), match, false));
      }
    }
  }

  private void joinCondition(Ref r) {
    for (Entry e : entries) {
      if (e.owns(r)) {
        e.conditions.add(new Condition(List.of(r.name()), Match.JOIN, false));
      }
    }
  }

  /**
   * An OR of {@code branches}: it restricts a table when every branch restricts it by a comparison
   * with a constant. {@code conjuncts} applies a branch's conjuncts (those that are not ORs
   * themselves) to a block that holds only that table.
   */
  <B> void or(List<B> branches, BiConsumer<ReadBlock, B> conjuncts) {
    for (Entry entry : entries) {
      Set<String> cols = new LinkedHashSet<>();
      boolean every = true;
      for (B branch : branches) {
        ReadBlock probe = new ReadBlock();
        Entry copy = new Entry(entry.table, entry.alias, false);
        probe.entries.add(copy);
        conjuncts.accept(probe, branch);
        List<String> restricting = new ArrayList<>();
        for (Condition k : copy.conditions) {
          if (k.match() != Match.JOIN) {
            restricting.addAll(k.columns());
          }
        }
        if (restricting.isEmpty()) {
          every = false;
          break;
        }
        cols.addAll(restricting);
      }
      if (every && !cols.isEmpty()) {
        entry.conditions.add(new Condition(List.copyOf(cols), Match.OTHER_CONSTANT, true));
      }
    }
  }

  /** Adds the block's reads to {@code out}, one per table, in FROM order. */
  void emit(List<TableRead> out) {
    for (Entry e : entries) {
      out.add(new TableRead(e.table, e.conditions, List.copyOf(e.columns), e.preserved, orderedLimit, true));
    }
  }
}
