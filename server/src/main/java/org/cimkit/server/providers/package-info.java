/**
 * The provider SPI: how providers plug into the server and what they may use.
 *
 * <ul>
 * <li>A {@link org.cimkit.server.providers.ProviderModule} registers providers with a
 * {@link org.cimkit.server.providers.ProviderRegistrar}: {@link org.cimkit.server.providers.InstanceProvider}s
 * compute the instances of classes, {@link org.cimkit.server.providers.MethodProvider}s carry out
 * extrinsic methods. The engine looks providers up in the {@link org.cimkit.server.providers.ProviderRegistry}
 * by namespace and class name only.</li>
 * <li>Providers reach the stored objects only through {@link org.cimkit.server.providers.NamespaceObjects}
 * (never the repository itself), so every change they make passes the repository's one change path and
 * reaches the change listeners ({@link org.cimkit.server.changes}); changes to instances they compute
 * themselves they announce through {@link org.cimkit.server.providers.NamespaceObjects#publish}.</li>
 * </ul>
 */
package org.cimkit.server.providers;
