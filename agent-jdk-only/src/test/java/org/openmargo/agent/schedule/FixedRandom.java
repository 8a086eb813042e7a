package org.openmargo.agent.schedule;

import java.util.random.RandomGenerator;

/** A random source that always draws the lowest or the highest value of a bounded range. */
record FixedRandom(boolean highest) implements RandomGenerator {
    static final FixedRandom LOWEST = new FixedRandom(false);
    static final FixedRandom HIGHEST = new FixedRandom(true);

    @Override
    public long nextLong() {
        return highest ? Long.MAX_VALUE : 0;
    }

    @Override
    public long nextLong(long bound) {
        return highest ? bound - 1 : 0;
    }
}
