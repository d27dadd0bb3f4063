package org.cimkit.server.query;

import java.util.function.BiPredicate;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimStatus;

/**
 * A pull operation's FilterQuery: a DMTF:FQL condition (in the WQL condition syntax), parsed once.
 * Immutable and thread-safe.
 */
public final class CompiledFilter {
    private final Condition condition;
    private final int variables;

    private CompiledFilter(Condition condition) {
        this.condition = condition;
        this.variables = 0; // FQL has no ANY/EVERY
    }

    /** CIM_ERR_QUERY_LANGUAGE_NOT_SUPPORTED unless {@code language} is DMTF:FQL; INVALID_QUERY for bad syntax. */
    public static CompiledFilter compile(String language, String filter) {
        if (language == null || filter == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "FilterQueryLanguage and FilterQuery must be given together");
        }
        QueryLanguage.forFilter(language);
        return new CompiledFilter(QueryParser.parseFilter(filter));
    }

    /** As {@link CompiledQuery#matches}, the same CIM_ERR_INVALID_QUERY for ordering values that do not order. */
    public boolean matches(CimInstance instance, BiPredicate<CimName, CimName> isA) {
        return Evaluator.matches(condition, instance, isA, variables);
    }
}
