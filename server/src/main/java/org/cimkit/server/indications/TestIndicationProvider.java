package org.cimkit.server.indications;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimMethod;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimStatus;
import org.cimkit.model.CimValue;
import org.cimkit.server.providers.MethodProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.ProviderContext;

/**
 * The test indication source: {@code Test_IndicationProviderClass.SendTestIndicationsCount(n)} in
 * {@code test/TestProvider} raises n indications of that class (IndicationNumber 1..n), so a suite can
 * check delivery, order and sequence numbers without making changes to real objects.
 */
final class TestIndicationProvider implements MethodProvider {
    static final CimNamespace NAMESPACE = CimNamespace.of("test/TestProvider");
    static final CimName CLASS = CimName.of("Test_IndicationProviderClass");
    static final CimName SEND = CimName.of("SendTestIndicationsCount");
    static final long MAX_PER_CALL = 100_000;

    private final Clock clock;

    TestIndicationProvider(Clock clock) {
        this.clock = clock;
    }

    @Override
    public MethodResult invoke(ProviderContext ctx, CimObjectPath target, CimMethod method, Map<CimName, CimValue> in) {
        if (!method.name().equals(SEND)) {
            throw new CimException(CimStatus.METHOD_NOT_AVAILABLE, "method " + method.name() + " is not available on " + CLASS);
        }
        CimValue count = in.get(CimName.of("indicationSendCount"));
        if (!(count instanceof CimValue.IntegerValue n)) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "indicationSendCount must give the number of indications");
        }
        if (n.bits() < 0 || n.bits() > MAX_PER_CALL) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "indicationSendCount must be 0.." + MAX_PER_CALL
                    + ", not " + n.bits());
        }
        CimDateTime now = CimDateTime.of(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        for (long i = 1; i <= n.bits(); i++) {
            ctx.objects().raise(CimInstance.builder(CLASS)
                    .property("IndicationTime", new CimValue.DateTimeValue(now))
                    .property("IndicationNumber", CimValue.IntegerValue.uint64(i))
                    .property("MethodName", SEND.value())
                    .property("TestOidDataType", "Cimkit test indication")
                    .build());
        }
        return new MethodResult(CimValue.IntegerValue.uint32(0), Map.of());
    }
}
