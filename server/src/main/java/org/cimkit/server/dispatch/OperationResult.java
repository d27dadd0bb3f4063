package org.cimkit.server.dispatch;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimValue;

/**
 * What an operation produces, in the shape DSP0200 answers it with. Large results are streams, so
 * the encoder writes them as they are produced. The flags say what the encoder includes.
 */
public sealed interface OperationResult {

    /** Void operations: no IRETURNVALUE. */
    record None() implements OperationResult {
    }

    record SingleClass(CimClass cimClass, boolean includeClassOrigin) implements OperationResult {
    }

    record Classes(Stream<CimClass> classes, boolean includeClassOrigin) implements OperationResult {
    }

    record ClassNames(Stream<CimName> names) implements OperationResult {
    }

    record SingleInstance(CimInstance instance, boolean includeClassOrigin) implements OperationResult {
    }

    /** VALUE.NAMEDINSTANCE per instance (EnumerateInstances); instances carry local paths. */
    record NamedInstances(Stream<CimInstance> instances, boolean includeClassOrigin) implements OperationResult {
    }

    /** INSTANCENAME per path (EnumerateInstanceNames, CreateInstance). */
    record InstanceNames(Stream<CimObjectPath> paths) implements OperationResult {
    }

    /** VALUE.OBJECTWITHPATH per instance; instances carry full paths (host and namespace). */
    record InstancesWithPath(Stream<CimInstance> instances, boolean includeClassOrigin) implements OperationResult {
    }

    /** VALUE.OBJECTWITHPATH per class (schema associations); paths are full class paths. */
    record ClassesWithPath(Stream<Map.Entry<CimObjectPath, CimClass>> classes, boolean includeClassOrigin)
            implements OperationResult {
    }

    /** OBJECTPATH per path; paths are full (host and namespace). */
    record ObjectPaths(Stream<CimObjectPath> paths) implements OperationResult {
    }

    /** GetProperty: one value, nothing for NULL. */
    record PropertyValue(CimValue value) implements OperationResult {
    }

    record QualifierDeclarations(List<CimQualifierType> declarations) implements OperationResult {
    }

    /**
     * A pull response: instance paths alone (PullInstancePaths and its Open), or instances, which carry
     * full paths and are answered with them when {@code withPaths} (PullInstancesWithPath and its
     * Opens), bare otherwise (PullInstances after OpenQueryInstances). {@code queryResultClass}: the
     * class of the rows an OpenQueryInstances with ReturnQueryResultClass=TRUE returns, else null.
     */
    record Pull(List<CimObjectPath> paths, List<CimInstance> instances, boolean withPaths, boolean endOfSequence,
            String context, boolean includeClassOrigin, CimClass queryResultClass) implements OperationResult {
        public Pull(List<CimObjectPath> paths, List<CimInstance> instances, boolean withPaths, boolean endOfSequence,
                String context, boolean includeClassOrigin) {
            this(paths, instances, withPaths, endOfSequence, context, includeClassOrigin, null);
        }

        Pull withQueryResultClass(CimClass c) {
            return new Pull(paths, instances, withPaths, endOfSequence, context, includeClassOrigin, c);
        }
    }

    /** EnumerationCount: the objects the enumeration has still to return; null when unknown. */
    record Count(Long count) implements OperationResult {
    }

    /** An extrinsic method's return value and output parameters. */
    record MethodReturn(CimValue returnValue, Map<String, CimValue> outParameters) implements OperationResult {
    }
}
