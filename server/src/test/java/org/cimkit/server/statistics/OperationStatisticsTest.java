package org.cimkit.server.statistics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class OperationStatisticsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void anIntervalStartsWhenGatheringIsSwitchedOnAndReadsTheGivenClock() {
        OperationStatistics s = new OperationStatistics(CLOCK);
        s.record("GetInstance", 10, 1, 2, 3);
        assertEquals(List.of(), s.snapshot(), "nothing is counted while off");
        s.gathering(true);
        assertEquals(CLOCK.millis(), s.startedMillis());
        s.record("GetInstance", 10, 1, 2, 3);
        assertEquals(List.of(new OperationStatistics.OperationTotals("GetInstance", 1, 10, 1, 2, 3)), s.snapshot());
    }

    @Test
    void aRequestFromAnEarlierIntervalIsNotCountedInTheNextOne() {
        OperationStatistics s = new OperationStatistics(CLOCK);
        s.gathering(true);
        long started = s.interval();
        s.gathering(false);
        s.gathering(true);
        s.record(started, "GetInstance", 10, 1, 2, 3);
        assertEquals(List.of(), s.snapshot());
        s.record(s.interval(), "GetInstance", 10, 1, 2, 3);
        assertEquals(1, s.snapshot().get(0).count());
    }
}
