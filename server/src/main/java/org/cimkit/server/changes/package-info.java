/**
 * The change hook: every change to an instance, whoever makes it, is announced through one
 * {@link org.cimkit.server.changes.InstanceChanges} (the repository's, {@code Repository.changes()}),
 * and listeners (the indication service) subscribe there.
 *
 * <ul>
 * <li>Static instances: {@code Repository} publishes every create, modify and delete it applies,
 * whether a client (dispatch), the MOF loader, journal replay or a provider asked for it, under the
 * namespace's write lock, so listeners see a namespace's changes in the order they were made.</li>
 * <li>Instances computed by providers (jobs and their associations) have no stored form: their
 * provider announces them through {@code NamespaceObjects.publish}, which feeds the same hub. The job
 * provider does so for every state change, progress step and removal of a job. The interop provider
 * announces a namespace created or deleted through CreateInstance/DeleteInstance of CIM_Namespace as
 * the creation or deletion of that CIM_Namespace instance in root/interop.</li>
 * <li>Namespaces that exist when the server starts (the shipped schema, {@code --mof} files into new
 * namespaces, namespaces replayed from the journal) are not announced: they are the server's initial
 * state, not changes, and the interop provider that computes their CIM_Namespace instances is not
 * registered yet. Replayed ones were announced when a client made them; announcing them again at
 * every start would report old changes as new.</li>
 * <li>Extrinsic method calls are announced after the provider returned ({@link
 * org.cimkit.server.changes.MethodCall}).</li>
 * </ul>
 *
 * This package depends on nothing in the server, so the repository, the providers and the indication
 * service can all use it without depending on each other.
 */
package org.cimkit.server.changes;
