package org.cimkit.model;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CimDateTimeTest {

    private static long epochMicros(OffsetDateTime odt) {
        return ChronoUnit.MICROS.between(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), odt);
    }

    @Test
    void timestampParsesAndFormats() {
        CimDateTime d = CimDateTime.parse("20240131120000.123456+060");
        assertFalse(d.isInterval());
        assertFalse(d.hasWildcards());
        assertEquals("20240131120000.123456+060", d.toString());
        assertEquals(60, d.utcOffsetMinutes());
        assertEquals(epochMicros(OffsetDateTime.of(2024, 1, 31, 11, 0, 0, 123_456_000, ZoneOffset.UTC)), d.micros());
        assertEquals(d, CimDateTime.parse(" 20240131120000.123456+060 "));
        assertEquals(d.hashCode(), CimDateTime.parse("20240131120000.123456+060").hashCode());
    }

    @Test
    void negativeOffset() {
        CimDateTime d = CimDateTime.parse("20240131120000.000000-300");
        assertEquals(-300, d.utcOffsetMinutes());
        assertEquals(epochMicros(OffsetDateTime.of(2024, 1, 31, 17, 0, 0, 0, ZoneOffset.UTC)), d.micros());
    }

    @Test
    void sameInstantInTwoOffsetsComparesEqual() {
        CimDateTime utc = CimDateTime.parse("20240131120000.000000+000");
        CimDateTime plus = CimDateTime.parse("20240131133000.000000+090");
        CimDateTime minus = CimDateTime.parse("20240131070000.000000-300");
        assertEquals(0, utc.compareTo(plus));
        assertEquals(0, utc.compareTo(minus));
        assertEquals(0, plus.compareTo(minus));
        assertEquals(utc.micros(), minus.micros());
        assertNotEquals(utc, plus, "equality keeps the text as written");
    }

    @Test
    void timestampsOrderByInstant() {
        CimDateTime a = CimDateTime.parse("20240131120000.000000+000");
        CimDateTime b = CimDateTime.parse("20240131120000.000001+000");
        CimDateTime c = CimDateTime.parse("20240131130000.000000+120"); // 11:00 UTC: earlier than a
        assertTrue(a.compareTo(b) < 0);
        assertTrue(b.compareTo(a) > 0);
        assertTrue(c.compareTo(a) < 0);
    }

    @Test
    void intervals() {
        CimDateTime i = CimDateTime.parse("00000001020304.000005:000");
        assertTrue(i.isInterval());
        assertEquals("00000001020304.000005:000", i.toString());
        assertEquals(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4).toNanos() / 1000 + 5, i.micros());
        assertThrows(IllegalStateException.class, i::utcOffsetMinutes);
        CimDateTime j = CimDateTime.parse("00000000235959.999999:000");
        assertTrue(j.compareTo(i) < 0);
        assertEquals(0, CimDateTime.parse("99999999235959.999999:000").compareTo(CimDateTime.parse("99999999235959.999999:000")));
    }

    @Test
    void timestampAndIntervalDoNotCompare() {
        CimDateTime t = CimDateTime.parse("20240131120000.000000+000");
        CimDateTime i = CimDateTime.parse("00000001000000.000000:000");
        assertThrows(IllegalArgumentException.class, () -> t.compareTo(i));
        assertThrows(IllegalArgumentException.class, () -> i.compareTo(t));
        assertNotEquals(t, i);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20180911124613.128***+000", "20180911******.******+000", "20180911124613.******+000",
            "2018091112461*.******+000", "20180911124613*******+000", "2018**********.******+000",
            "20180911******.******-300", "**************.******+000",
            "00000001******.******:000", "00000001020304.00****:000", "0000000102****.******:000",
            "20180911124613.12345*+000"})
    void validWildcards(String text) {
        CimDateTime d = CimDateTime.parse(text);
        assertTrue(d.hasWildcards());
        assertEquals(text, d.toString());
    }

    @Test
    void wildcardsReadAsLowestValue() {
        assertEquals(CimDateTime.parse("20180911000000.000000+000").micros(),
                CimDateTime.parse("20180911******.******+000").micros());
        assertEquals(CimDateTime.parse("20180101000000.000000+000").micros(),
                CimDateTime.parse("2018**********.******+000").micros());
        assertEquals(CimDateTime.parse("00000001000000.000000:000").micros(),
                CimDateTime.parse("00000001******.******:000").micros());
        assertEquals(CimDateTime.parse("20180911124613.128000+000").micros(),
                CimDateTime.parse("20180911124613.128***+000").micros());
    }

    @ParameterizedTest
    @ValueSource(strings = {"20180911124613.1*8***+000", "2018091112*613.128000+000", "20180911******.000000+000",
            "20180911124613.128***+***", "20180911124613.128000+0*0", "20180911124613.128000-**0",
            "*0180911124613.128000+000", "00000001******.000000:000", "00000001020304.00***0:000"})
    void invalidWildcardsRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CimDateTime.parse(text));
        assertTrue(e.getMessage().contains(text), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"20240229000000.000000+000", "20000229000000.000000+000", "20231231235959.999999+000",
            "20240131000000.000000+000", "20240430000000.000000+000", "20240101000000.000000+720",
            "20240101000000.000000-720"})
    void validDates(String text) {
        assertEquals(text, CimDateTime.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"20240230000000.000000+000", "20230229000000.000000+000", "19000229000000.000000+000",
            "20240431000000.000000+000", "20240132000000.000000+000", "20241301000000.000000+000",
            "20240001000000.000000+000", "20240100000000.000000+000", "20240101240000.000000+000",
            "20240101006000.000000+000", "20240101000061.000000+000", "00000000240000.000000:000",
            "00000000006000.000000:000", "00000000000060.000000:000", "20240101000000.000000+1081"})
    void outOfRangeFieldsRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> CimDateTime.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2024", "20240101000000.000000+00", "20240101000000.000000+0000", "20240101000000.00000+000",
            "20240101000000,000000+000", "20240101000000.000000*000", "20240101000000.000000 000",
            "00000001000000.000000:001", "00000001000000.000000:+00", "2024010100000a.000000+000",
            "20240101000000.000000+a00", "-0240101000000.000000+000"})
    void malformedRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CimDateTime.parse(text));
        assertTrue(e.getMessage().contains("datetime"), e.getMessage());
    }

    @Test
    void nullRefused() {
        assertThrows(NullPointerException.class, () -> CimDateTime.parse(null));
    }

    @Test
    void ofOffsetDateTimeRoundTrips() {
        OffsetDateTime odt = OffsetDateTime.of(2024, 2, 29, 23, 59, 58, 123_456_789, ZoneOffset.ofHoursMinutes(-5, -30));
        CimDateTime d = CimDateTime.of(odt);
        assertEquals("20240229235958.123456-330", d.toString());
        assertEquals(-330, d.utcOffsetMinutes());
        assertEquals(epochMicros(odt.truncatedTo(ChronoUnit.MICROS)), d.micros());
        assertEquals(d, CimDateTime.parse(d.toString()));

        CimDateTime e = CimDateTime.of(OffsetDateTime.of(1999, 12, 31, 0, 0, 0, 1000, ZoneOffset.ofHours(2)));
        assertEquals("19991231000000.000001+120", e.toString());
        assertEquals("20240101000000.000000+000",
                CimDateTime.of(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)).toString());
    }

    @Test
    void ofIntervalRoundTrips() {
        Duration dur = Duration.ofDays(12345).plusHours(23).plusMinutes(59).plusSeconds(58).plusNanos(999_999_999);
        CimDateTime i = CimDateTime.ofInterval(dur);
        assertTrue(i.isInterval());
        assertEquals("00012345235958.999999:000", i.toString());
        assertEquals(dur.truncatedTo(ChronoUnit.MICROS).toNanos() / 1000, i.micros());
        assertEquals("00000000000000.000000:000", CimDateTime.ofInterval(Duration.ZERO).toString());
        assertEquals(i, CimDateTime.parse(i.toString()));
        assertThrows(IllegalArgumentException.class, () -> CimDateTime.ofInterval(Duration.ofSeconds(-1)));
    }

    @Test
    void ofKeepsTheInstantWhenTheOffsetHasSeconds() {
        // Local mean time offsets (e.g. Amsterdam before 1937: +00:19:32) are not whole minutes.
        OffsetDateTime odt = OffsetDateTime.of(1930, 6, 1, 12, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(0, 19, 32));
        CimDateTime d = CimDateTime.of(odt);
        assertEquals(19, d.utcOffsetMinutes());
        assertEquals(epochMicros(odt), d.micros());
        assertEquals("19300601115928.000000+019", d.toString());
    }

    @Test
    void leapSecondOrdersAsTheNextMinute() {
        CimDateTime leap = CimDateTime.parse("20161231235960.000000+000");
        assertEquals(0, leap.compareTo(CimDateTime.parse("20170101000000.000000+000")));
        assertTrue(leap.compareTo(CimDateTime.parse("20161231235959.999999+000")) > 0);
    }
}
