/**
 * Operation statistics: counters the HTTP layer and dispatch feed while gathering is on, and the
 * interop provider shows. A leaf package (JDK only), so every layer may use it.
 */
package org.cimkit.server.statistics;
