package org.cimkit.server.indications.delivery;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;

/**
 * The CIM_AlertIndication that tells a destination how many indications it lost because its queue
 * was full (AlertType 2 "Communications Alert", PerceivedSeverity 5 "Major", ProbableCause 40 "Queue
 * Size Exceeded" in CIM_AlertIndication's value maps).
 */
final class OverflowAlert {
    static final int COMMUNICATIONS_ALERT = 2;
    static final int MAJOR = 5;
    static final int QUEUE_SIZE_EXCEEDED = 40;
    static final String MESSAGE_ID = "CIMKIT0001";

    private OverflowAlert() {
    }

    static CimInstance of(long lost, int queueLimit, Clock clock) {
        String text = lost + " indications to this destination were lost: its queue already held " + queueLimit
                + " indications";
        return CimInstance.builder("CIM_AlertIndication")
                .property("IndicationTime", new CimValue.DateTimeValue(CimDateTime.of(clock.instant().atOffset(ZoneOffset.UTC))))
                .property("AlertType", CimValue.IntegerValue.uint16(COMMUNICATIONS_ALERT))
                .property("PerceivedSeverity", CimValue.IntegerValue.uint16(MAJOR))
                .property("ProbableCause", CimValue.IntegerValue.uint16(QUEUE_SIZE_EXCEEDED))
                .property("Description", text)
                .property("Message", text)
                .property("MessageID", MESSAGE_ID)
                .property("MessageArguments", new CimValue.ArrayValue(CimType.STRING,
                        List.of(new CimValue.StringValue(Long.toString(lost)))))
                .property("OwningEntity", "Cimkit")
                .build();
    }
}
