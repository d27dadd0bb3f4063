package org.cimkit.server.dispatch;

import static org.cimkit.server.dispatch.DispatchFixture.className;
import static org.cimkit.server.dispatch.DispatchFixture.path;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.CimMessage;
import org.cimkit.server.providers.InstanceProvider;
import org.cimkit.server.providers.MethodResult;
import org.cimkit.server.providers.ProviderContext;
import org.cimkit.server.statistics.ProviderTimer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dispatch adds the time providers take to the request's timer: instance provider calls, the
 * production of a provider's results while the response reads them (not the server's work on each
 * result), and method provider calls. The static repository's work is the server's own.
 */
class ProviderTimeTest {
    static final CimName THING = CimName.of("T_Thing");
    final AtomicLong now = new AtomicLong();
    DispatchFixture f;

    /** Serves T_Thing (three instances): each call costs 5, each produced instance 7 more, on the fake clock. */
    final class SlowThings implements InstanceProvider {
        @Override
        public Stream<CimInstance> enumerate(ProviderContext ctx, CimName cls) {
            now.addAndGet(5);
            return Stream.of("p", "q", "r").map(id -> {
                now.addAndGet(7);
                return ctx.objects().shape(CimInstance.builder(THING).property("Id", id).build());
            });
        }

        @Override
        public CimInstance get(ProviderContext ctx, CimObjectPath p) {
            now.addAndGet(11);
            return ctx.objects().shape(CimInstance.builder(THING).property("Id", "p").build());
        }
    }

    @BeforeEach
    void fixture() throws Exception {
        f = DispatchFixture.withModules(List.of(), List.of(), r -> {
            r.registerInstances(DispatchFixture.TEST, THING, new SlowThings());
            r.registerMethods(DispatchFixture.INTEROP, CimName.of("CIM_RegisteredProfile"), (ctx, target, m, in) -> {
                now.addAndGet(13);
                return MethodResult.of(CimValue.IntegerValue.uint32(0));
            });
        });
    }

    RequestContext rc(ProviderTimer timer, org.cimkit.model.CimNamespace ns) {
        return new RequestContext(ns, "testhost", null, "127.0.0.1", timer);
    }

    @Test
    void anEnumerationCountsTheCallAndEachResultButNotTheServersWorkOnIt() {
        ProviderTimer timer = ProviderTimer.measuring(now::get);
        OperationResult r = f.dispatcher.intrinsic(rc(timer, DispatchFixture.TEST), "EnumerateInstances",
                List.of(className("ClassName", "T_Thing")));
        try (Stream<CimInstance> s = ((OperationResult.NamedInstances) r).instances()) {
            s.forEach(i -> now.addAndGet(1000)); // writing the response
        }
        assertEquals(5 + 3 * 7, timer.nanos());
    }

    @Test
    void aPullCountsTheResultsItReadsTheOpenOnlyItsOwn() {
        ProviderTimer open = ProviderTimer.measuring(now::get);
        OperationResult.Pull first = (OperationResult.Pull) f.dispatcher.intrinsic(rc(open, DispatchFixture.TEST),
                "OpenEnumerateInstances", List.of(className("ClassName", "T_Thing"),
                        DispatchFixture.value("MaxObjectCount", "1")));
        assertEquals(1, first.instances().size());
        // the call, the result returned, and the next one read ahead to know whether the sequence ends
        assertEquals(5 + 2 * 7, open.nanos());
        now.addAndGet(1000); // between the requests: nobody's time

        ProviderTimer pull = ProviderTimer.measuring(now::get);
        OperationResult.Pull second = (OperationResult.Pull) f.dispatcher.intrinsic(rc(pull, DispatchFixture.TEST),
                "PullInstancesWithPath", List.of(DispatchFixture.value("EnumerationContext", first.context()),
                        DispatchFixture.value("MaxObjectCount", "1")));
        assertEquals(1, second.instances().size());
        assertEquals(7, pull.nanos(), "the result this Pull read ahead");
        assertEquals(5 + 2 * 7, open.nanos(), "the Open's total is unchanged");
    }

    @Test
    void getInstanceCountsTheProviderCall() {
        ProviderTimer timer = ProviderTimer.measuring(now::get);
        DispatchFixture.drain(f.dispatcher.intrinsic(rc(timer, DispatchFixture.TEST), "GetInstance",
                List.of(path("InstanceName", DispatchFixture.thing("T_Thing", "p")))));
        assertEquals(11, timer.nanos());
    }

    @Test
    void aMethodCountsTheMethodProviderCall() {
        ProviderTimer timer = ProviderTimer.measuring(now::get);
        CimObjectPath profile = CimObjectPath.parse("CIM_RegisteredProfile.InstanceID=\"Cimkit:DMTF+Profile Registration+1.0.0\"")
                .withNamespace(DispatchFixture.INTEROP);
        f.dispatcher.extrinsic(rc(timer, DispatchFixture.INTEROP),
                new CimMessage.MethodCall("CloseConformantInstances", profile, List.of()));
        assertEquals(13, timer.nanos());
    }

    @Test
    void theStaticRepositoryIsNotProviderTime() {
        ProviderTimer timer = ProviderTimer.measuring(now::get);
        DispatchFixture.drain(f.dispatcher.intrinsic(rc(timer, DispatchFixture.TEST), "EnumerateInstances",
                List.of(className("ClassName", "T_Link"))));
        assertEquals(0, timer.nanos());
    }

    @Test
    void withoutGatheringNothingIsMeasured() {
        DispatchFixture.drain(f.dispatcher.intrinsic(rc(ProviderTimer.OFF, DispatchFixture.TEST), "EnumerateInstances",
                List.of(className("ClassName", "T_Thing"))));
        assertEquals(0, ProviderTimer.OFF.nanos());
    }
}
