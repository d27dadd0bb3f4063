package org.cimkit.model.message;

import java.util.List;
import java.util.Objects;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimQualifierType;
import org.cimkit.model.CimValue;

/**
 * The content of one IPARAMVALUE, PARAMVALUE, IRETURNVALUE item or RETURNVALUE: whatever element
 * DSP0201 allows there, as a model object. Untyped VALUE text (an IPARAMVALUE carries no type)
 * stays text until the receiver, which knows the parameter's type, converts it.
 */
public sealed interface Argument {

    /** An element with no child: the parameter is NULL. */
    record Null() implements Argument {
        public static final Null INSTANCE = new Null();
    }

    /** A typed value (PARAMTYPE known, or VALUE.REFERENCE / VALUE.REFARRAY, or an embedded object). */
    record Typed(CimValue value) implements Argument {
        public Typed {
            Objects.requireNonNull(value);
        }
    }

    /**
     * A VALUE without a declared type. {@code embedded} is the EmbeddedObject attribute value
     * ("instance"/"object") or null.
     */
    record Text(String text, String embedded) implements Argument {
        public Text {
            Objects.requireNonNull(text);
        }
    }

    /** A VALUE.ARRAY without a declared type; a null element stands for VALUE.NULL. */
    record TextArray(List<String> texts, String embedded) implements Argument {
        public TextArray {
            texts = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(texts));
        }
    }

    /** CLASSNAME. */
    record ClassName(CimName name) implements Argument {
    }

    /** INSTANCENAME, INSTANCEPATH, LOCALINSTANCEPATH, CLASSPATH, LOCALCLASSPATH or OBJECTPATH. */
    record Path(CimObjectPath path) implements Argument {
    }

    /** CLASS (possibly with its path, from VALUE.OBJECTWITHPATH). */
    record ClassArg(CimClass cimClass, CimObjectPath path) implements Argument {
    }

    /** INSTANCE, VALUE.NAMEDINSTANCE, VALUE.INSTANCEWITHPATH or VALUE.OBJECTWITHPATH; path may be null. */
    record InstanceArg(CimInstance instance) implements Argument {
    }

    /** QUALIFIER.DECLARATION. */
    record QualifierDecl(CimQualifierType declaration) implements Argument {
    }
}
