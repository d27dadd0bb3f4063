package org.cimkit.server.providers;

import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.cimkit.model.CimClass;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimValue;
import org.cimkit.server.changes.InstanceChange;

/**
 * The classes and stored instances of one namespace, as a provider may use them: read, shape, and
 * change them through the same checked, journaled path a client's change takes (so every change
 * reaches the change listeners), and announce changes to the instances the provider computes itself.
 * Instances carry local paths (no host, no namespace).
 */
public interface NamespaceObjects {

    CimNamespace namespace();

    /** The class, or null when the namespace has none of that name. */
    CimClass getClass(CimName className);

    /** The stored instance named by the path (host and namespace ignored), or null. */
    CimInstance getInstance(CimObjectPath path);

    /** Stored instances of exactly this class (no subclasses). */
    Stream<CimInstance> instancesOf(CimName className);

    /** Local paths of the stored association instances that refer to {@code target}. */
    Set<CimObjectPath> associationsReferringTo(CimObjectPath target);

    /**
     * The instance completed against its class, without storing it: declared types, defaults, class
     * origins and the path built from its keys; a property the class lacks is refused.
     */
    CimInstance shape(CimInstance given);

    /**
     * The instance an embedded-instance value holds, however the client sent it: an embedded instance
     * (EmbeddedObject="instance" on PARAMVALUE, PROPERTY or PROPERTY.ARRAY, or the EmbeddedInstance
     * qualifier) or the escaped INSTANCE text of a plain string (a Hyper-V HyperVEmbeddedInstance
     * array element, wbemcli). Null for NULL. Anything else is a CimException with INVALID_PARAMETER.
     */
    CimInstance embeddedInstance(CimValue value, String what);

    /** Stores a new instance (shaped to its class); returns the stored form. */
    CimInstance create(CimInstance given);

    /** Changes a stored instance: {@code change} gets the current version and returns the new one (same path). */
    void update(CimObjectPath path, UnaryOperator<CimInstance> change);

    /** Deletes a stored instance (NOT_FOUND when there is none). */
    void delete(CimObjectPath path);

    /** Announces a change to an instance the provider computes (it has no stored form to change). */
    void publish(InstanceChange change);

    /**
     * Raises an indication the provider produces itself (an instance of an [Indication] class of this
     * namespace, no path): the indication service delivers it to the subscriptions whose filters select it.
     */
    void raise(CimInstance indication);

    /** True when someone listens to changes: a provider may skip building announcements nobody reads. */
    boolean hasChangeListeners();
}
