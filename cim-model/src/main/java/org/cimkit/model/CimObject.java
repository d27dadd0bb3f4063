package org.cimkit.model;

/** What an embedded object value can hold: a class or an instance. */
public sealed interface CimObject permits CimClass, CimInstance {
    CimName className();
}
