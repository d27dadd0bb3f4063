package org.cimkit.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.cimkit.model.CimDateTime;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimKeyBinding;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimType;
import org.cimkit.model.CimValue;
import org.cimkit.model.message.CimMessage;
import org.cimkit.model.xml.CimXmlException;
import org.cimkit.model.xml.CimXmlReader;
import org.cimkit.model.xml.CimXmlWriter;
import org.cimkit.model.xml.WriterOptions;
import org.cimkit.model.xml.XmlLimits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Writes and reads an EnumerateInstances response of 10 000 VALUE.NAMEDINSTANCE elements, each an
 * instance of 20 properties of mixed types with a string key. Scores are instances per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CimXmlCodecBenchmark {
    static final int N = 10_000;

    private List<CimInstance> instances;
    private byte[] document;
    private CimXmlReader reader;

    @Setup
    public void setup() throws IOException {
        CimNamespace ns = CimNamespace.of("root/cimv2");
        CimDateTime when = CimDateTime.of(OffsetDateTime.of(2024, 1, 31, 12, 0, 0, 0, ZoneOffset.UTC));
        instances = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            String id = "disk-" + i;
            instances.add(CimInstance.builder("ACME_Disk")
                    .path(CimObjectPath.forInstance(ns, CimName.of("ACME_Disk"), List.of(CimKeyBinding.of("DeviceID", id))))
                    .property("DeviceID", id)
                    .property("Caption", "Disk number " + i + " <primary> & more")
                    .property("Description", "A rather ordinary disk drive used for benchmarking")
                    .property("ElementName", "sd" + i)
                    .property("Size", CimValue.IntegerValue.uint64(500107862016L + i))
                    .property("BlockSize", CimValue.IntegerValue.uint32(4096))
                    .property("NumberOfBlocks", CimValue.IntegerValue.uint64(122096646L + i))
                    .property("Temperature", new CimValue.IntegerValue(CimType.SINT16, -5 + i % 80))
                    .property("Health", CimValue.IntegerValue.uint8(i % 256))
                    .property("Bus", CimValue.IntegerValue.uint16(i % 16))
                    .property("Offset", CimValue.IntegerValue.sint64(-i * 1024L))
                    .property("Load", new CimValue.RealValue(CimType.REAL64, i / 7.0))
                    .property("Ratio", new CimValue.RealValue(CimType.REAL32, 0.25))
                    .property("Removable", CimValue.BooleanValue.of(i % 2 == 0))
                    .property("InstallDate", new CimValue.DateTimeValue(when))
                    .property("Letter", new CimValue.Char16Value((char) ('C' + i % 20)))
                    .property("OperationalStatus", CimValue.ArrayValue.of(CimType.UINT16,
                            CimValue.IntegerValue.uint16(2), CimValue.IntegerValue.uint16(32768)))
                    .property("StatusDescriptions", CimValue.ArrayValue.of(CimType.STRING,
                            new CimValue.StringValue("OK"), new CimValue.StringValue("Vendor specific")))
                    .property("SerialNumber", CimValue.NullValue.of(CimType.STRING))
                    .property("Vendor", "ACME")
                    .build());
        }
        document = writeAll(new ByteArrayOutputStream(8 << 20));
        reader = new CimXmlReader(XmlLimits.DEFAULT.withMaxDocumentBytes(1L << 30));
    }

    private byte[] writeAll(ByteArrayOutputStream out) throws IOException {
        try (CimXmlWriter w = new CimXmlWriter(out, WriterOptions.DEFAULT)) {
            w.startIMethodResponse("1", "EnumerateInstances");
            w.startIReturnValue();
            for (CimInstance i : instances) {
                w.writeNamedInstance(i, false, false);
            }
            w.endIReturnValue();
            w.endIMethodResponse();
        }
        return out.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int write() throws IOException {
        return writeAll(new ByteArrayOutputStream(document.length + 1024)).length;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public int read() throws CimXmlException {
        CimMessage m = reader.readMessage(new ByteArrayInputStream(document));
        return ((CimMessage.IMethodResponse) m.body()).returnValue().size();
    }
}
