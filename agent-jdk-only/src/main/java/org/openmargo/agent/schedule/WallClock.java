package org.openmargo.agent.schedule;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;

/**
 * The one rule that turns a wall-clock time into an instant for every window in this package: a boundary is the
 * first instant at which the zone's clock shows that local date and time or later. In a DST gap (the local time never
 * happens) that is the instant of the transition, so a window starting at 02:30 on a spring-forward night opens at
 * 03:00 local; in an overlap (the local time happens twice) it is the earlier of the two, so a window opens once.
 */
final class WallClock {
    private WallClock() {
    }

    static Instant firstAtOrAfter(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        // atZone picks the earlier offset in an overlap, which is the earlier instant.
        return local.atZone(zone).toInstant();
    }
}
