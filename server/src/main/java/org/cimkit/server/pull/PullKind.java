package org.cimkit.server.pull;

/**
 * Which Pull operation continues an enumeration, and so what its responses carry: instances with
 * their paths (PullInstancesWithPath), paths only (PullInstancePaths) or bare instances
 * (PullInstances, after OpenQueryInstances).
 */
public enum PullKind { INSTANCES_WITH_PATH, INSTANCE_PATHS, INSTANCES }
