package org.cimkit.server.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimQualifier;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.junit.jupiter.api.Test;

/** Writers to one instance are serialised: read-modify-write changes are never lost. */
class RepositoryConcurrencyTest {
    private static final CimNamespace NS = CimNamespace.of("root/test");

    @Test
    void concurrentUpdatesOfOneInstanceAreAllApplied() throws Exception {
        Repository repo = new Repository(new InstanceShaper(new ValueConverter(t -> {
            throw new IllegalStateException("no embedded objects here");
        })));
        repo.createNamespace(NS);
        repo.loadClass(NS, CimClass.builder("T_Counter")
                .property(new CimProperty(CimName.of("Id"), CimType.STRING, false, null, null, null,
                        List.of(CimQualifier.flag("Key")), CimName.of("T_Counter"), false))
                .property(new CimProperty(CimName.of("N"), CimType.UINT32, false, null, null,
                        CimValue.IntegerValue.uint32(0), List.of(), CimName.of("T_Counter"), false))
                .build());
        CimInstance created = repo.createInstance(NS, CimInstance.builder("T_Counter").property("Id", "c").build());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int k = 0; k < 250; k++) {
                        repo.updateInstance(NS, created.path(), cur -> cur.toBuilder().putProperty(cur.property("N")
                                .withValue(CimValue.IntegerValue.uint32(
                                        ((CimValue.IntegerValue) cur.value("N")).longValue() + 1))).build());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        CimValue n = repo.namespace(NS).getInstance(created.path()).value("N");
        assertEquals(1000, ((CimValue.IntegerValue) n).longValue());
    }
}
