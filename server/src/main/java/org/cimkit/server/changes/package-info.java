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
 * provider does so for every state change, progress step and removal of a job.</li>
 * <li>Extrinsic method calls are announced after the provider returned ({@link
 * org.cimkit.server.changes.MethodCall}).</li>
 * </ul>
 *
 * This package depends on nothing in the server, so the repository, the providers and the indication
 * service can all use it without depending on each other.
 */
package org.cimkit.server.changes;
