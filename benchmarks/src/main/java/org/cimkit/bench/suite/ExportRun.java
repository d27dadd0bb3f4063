package org.cimkit.bench.suite;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.Argument;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.message.ParamValue;
import org.cimkit.model.xml.CimXmlReader;

/** Scenario 6: ExportReferencePoint of a 100-VM group, one at a time and 16 at once, to job completion. */
final class ExportRun {
    private final ServerLaunch launch;
    private final Path work;
    private final boolean quick;
    private final Consumer<String> say;
    private final IndicationRun.StatMaker stats;

    ExportRun(ServerLaunch launch, Path work, boolean quick, Consumer<String> say,
            IndicationRun.StatMaker stats) {
        this.launch = launch;
        this.work = work;
        this.quick = quick;
        this.say = say;
        this.stats = stats;
    }

    private int reps(int normal) {
        return quick ? Math.min(2, normal) : normal;
    }

    private static final Pattern RETURN = Pattern.compile("<RETURNVALUE[^>]*>\\s*<VALUE>([^<]*)</VALUE>");
    private static final Pattern JOB_STATE = Pattern.compile("<PROPERTY NAME=\"JobState\"[^>]*>\\s*<VALUE>([^<]*)</VALUE>");

    void run() throws Exception {
        String scenario = "6 ExportReferencePoint 100 VMs x 8 disks";
        Stats one = stats.stat(scenario, "one export: call to job Completed", "ms", false).target("<= 1000 ms", 1000.0);
        Stats sixteen = stats.stat(scenario, "16 exports at once: first call to last job Completed", "ms", false);
        Path mof = work.resolve("bench-vms.mof");
        BenchMof.writeVirtualization(mof, 100, 8);
        String vns = "root/virtualization/v2";
        ServerProcess sp;
        try {
            sp = ServerProcess.start(launch, work.resolve("srv-vm"), List.of("--mof", vns + "=" + mof));
            sp.awaitFirstAnswer(120_000);
        } catch (IOException e) {
            one.status = "skipped";
            one.note = "not available: the server does not load the 100 VM fixture (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")";
            sixteen.status = "skipped";
            say.accept(one.note);
            return;
        }
        try {
            CimObjectPath service = CimObjectPath.forInstance(CimNamespace.of(vns),
                    CimName.of("Msvm_CollectionReferencePointService"),
                    List.of(CimKeyBinding.of("CreationClassName", "Msvm_CollectionReferencePointService"),
                            CimKeyBinding.of("Name", "CollectionReferencePointService"),
                            CimKeyBinding.of("SystemCreationClassName", "Msvm_ComputerSystem"),
                            CimKeyBinding.of("SystemName", "CIMKIT-DEMO-HOST")));
            CimObjectPath rpc = CimObjectPath.forInstance(CimNamespace.of(vns), CimName.of("Msvm_ReferencePointCollection"),
                    List.of(CimKeyBinding.of("CollectionID", BenchMof.referencePointCollectionId()),
                            CimKeyBinding.of("VirtualSystemCollectionId", BenchMof.collectionId())));
            String first = exportOnce(sp, service, rpc, "probe", null);
            if (first != null) {
                one.status = "skipped";
                sixteen.status = "skipped";
                one.note = "not available: " + first;
                say.accept(scenario + " skipped: " + one.note);
                return;
            }
            for (int r = 0; r < reps(5); r++) {
                long t = System.nanoTime();
                String err = exportOnce(sp, service, rpc, "one-" + r, null);
                if (err != null) {
                    throw new IOException(err);
                }
                one.add((System.nanoTime() - t) / 1e6);
            }
            for (int r = 0; r < reps(3); r++) {
                List<Thread> ts = new ArrayList<>();
                List<String> errs = new ArrayList<>();
                long t = System.nanoTime();
                for (int k = 0; k < 16; k++) {
                    String dir = "multi-" + r + "-" + k;
                    Thread th = new Thread(() -> {
                        try {
                            String err = exportOnce(sp, service, rpc, dir, null);
                            if (err != null) {
                                synchronized (errs) {
                                    errs.add(err);
                                }
                            }
                        } catch (Exception e) {
                            synchronized (errs) {
                                errs.add(e.toString());
                            }
                        }
                    });
                    ts.add(th);
                    th.start();
                }
                for (Thread th : ts) {
                    th.join();
                }
                if (!errs.isEmpty()) {
                    throw new IOException(errs.get(0));
                }
                sixteen.add((System.nanoTime() - t) / 1e6);
            }
        } catch (IOException e) {
            one.status = "FAILED";
            one.note = e.getMessage();
        } finally {
            sp.close();
        }
    }

    /** One export to job completion; null when it completed, else why it is not available or failed. */
    private String exportOnce(ServerProcess sp, CimObjectPath service, CimObjectPath rpc, String dir, Object unused)
            throws Exception {
        Map<String, CimValue> params = new LinkedHashMap<>();
        params.put("ReferencePointCollection", new CimValue.ReferenceValue(rpc));
        params.put("ExportDirectory", new CimValue.StringValue(work.resolve("srv-vm").resolve("exports").resolve(dir)
                .toAbsolutePath().toString()));
        params.put("ExportSettingData", new CimValue.StringValue(""));
        try (WbemConnection c = new WbemConnection("127.0.0.1", sp.port)) {
            WbemConnection.Response resp = c.exchange(Requests.extrinsic(sp.hostPort(), service, "ExportReferencePoint",
                    params), null, true);
            String text = resp.text();
            Matcher m = RETURN.matcher(text);
            if (resp.status() != 200 || !m.find()) {
                String error = text.replaceAll("(?s).*<ERROR([^>]*)>.*", "ERROR$1");
                return "ExportReferencePoint answered HTTP " + resp.status() + " " + (error.length() > 300
                        ? error.substring(0, 300) : error);
            }
            if (!m.group(1).equals("4096")) {
                return "ExportReferencePoint returned " + m.group(1) + ", not 4096 (job started)";
            }
            CimMessage msg = new CimXmlReader().readMessage(new java.io.ByteArrayInputStream(resp.body()));
            CimObjectPath job = null;
            for (ParamValue pv : ((CimMessage.MethodResponse) msg.body()).outParameters()) {
                if (pv.name().equalsIgnoreCase("Job") && pv.value() instanceof Argument.Typed t
                        && t.value() instanceof CimValue.ReferenceValue ref) {
                    job = ref.path();
                } else if (pv.name().equalsIgnoreCase("Job") && pv.value() instanceof Argument.Path p) {
                    job = p.path();
                }
            }
            if (job == null) {
                return "4096 without an out Job reference";
            }
            String jobNs = job.namespace() == null ? service.namespace().value() : job.namespace().value();
            byte[] get = Requests.intrinsic(sp.hostPort(), jobNs, "GetInstance", Requests.Param.path("InstanceName",
                    CimObjectPath.forInstance(null, job.className(), job.keys())));
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline) {
                WbemConnection.Response g = c.exchange(get, null, true);
                Matcher js = JOB_STATE.matcher(g.text());
                if (js.find()) {
                    int state = Integer.parseInt(js.group(1).trim());
                    if (state == 7) {
                        return null;
                    }
                    if (state > 7) {
                        throw new IOException("export job ended in JobState " + state);
                    }
                }
                Thread.sleep(2);
            }
            throw new IOException("export job did not complete within 120 s");
        }
    }
}
