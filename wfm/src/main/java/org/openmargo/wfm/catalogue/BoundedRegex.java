package org.openmargo.wfm.catalogue;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Runs a description's {@code regexMatch} on an operator's value without letting a catastrophic pattern hang the
 * WFM: Java's backtracking matcher can take exponential time ({@code (a+)+$} on {@code aaaa…b}), so the matcher reads
 * the input through a {@link CharSequence} that counts character reads and gives up after {@link #MAX_STEPS}. Inputs
 * are also bounded in length by the caller ({@link ValueSchema#MAX_TEXT_LENGTH}).
 *
 * <p>Semantics are those of JSON Schema {@code pattern}: the expression may match anywhere in the value
 * ({@link java.util.regex.Matcher#find()}); anchor it with {@code ^…$} to match the whole value.
 */
final class BoundedRegex {
    /** Most character reads one match may make; a few milliseconds of work. */
    static final int MAX_STEPS = 2_000_000;

    private BoundedRegex() {
    }

    /** Whether {@code pattern} is found in {@code text}; empty when the step budget ran out first. */
    static Optional<Boolean> find(Pattern pattern, String text) {
        try {
            return Optional.of(pattern.matcher(new Counted(text, new int[] {0})).find());
        } catch (BudgetExceeded e) {
            return Optional.empty();
        }
    }

    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    /** The text, counting every {@link #charAt} into a budget shared with its sub-sequences. */
    private record Counted(String text, int[] steps) implements CharSequence {
        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if (++steps[0] > MAX_STEPS) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Counted(text.substring(start, end), steps);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
