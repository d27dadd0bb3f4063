package org.cimkit.server.indications.subscriptions;

import static org.cimkit.server.indications.subscriptions.IndicationClasses.string;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.server.indications.delivery.DestinationPolicy;
import org.cimkit.server.query.CompiledQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled query of each live filter and the checked URL of each live destination, kept from one
 * snapshot to the next so a rebuild neither recompiles nor looks host names up again. Each rebuild is
 * a round ({@link #beginRound} ... {@link #endRound}) that keeps only what the live objects used, so
 * nothing deleted stays cached. Keeping a host's policy decision is safe because delivery checks the
 * address again before each connection. Rounds run under the subscription manager's lock;
 * {@link #check} runs before it.
 */
final class CompiledDefinitions {
    private static final Logger LOG = LoggerFactory.getLogger(CompiledDefinitions.class);

    private final DestinationPolicy policy;
    private final Map<String, URI> checked = new ConcurrentHashMap<>();
    private Map<String, CompiledQuery> queries = Map.of();
    private Map<String, URI> urls = Map.of();
    private Map<String, CompiledQuery> nextQueries = new HashMap<>();
    private Map<String, URI> nextUrls = new HashMap<>();

    CompiledDefinitions(DestinationPolicy policy) {
        this.policy = policy;
    }

    /** Checks a new destination's URL (CIM_ERR_INVALID_PARAMETER naming the problem) and keeps it for the next round. */
    void check(String destination) {
        checked.put(destination, policy.check(destination));
    }

    void beginRound() {
        nextQueries = new HashMap<>();
        nextUrls = new HashMap<>();
    }

    void endRound() {
        queries = nextQueries;
        urls = nextUrls;
        checked.clear();
    }

    /** How many queries and URLs are kept (tests: nothing outlives its filter or destination). */
    int kept() {
        return queries.size() + urls.size();
    }

    /** The filter's compiled query; null (logged) when it no longer compiles. */
    CompiledQuery query(CimInstance filter) {
        String language = string(filter, "QueryLanguage");
        String text = string(filter, "Query");
        String key = language + "\n" + text;
        try {
            CompiledQuery q = nextQueries.get(key);
            if (q == null) {
                q = queries.get(key);
                q = q != null ? q : CompiledQuery.compile(language, text);
                nextQueries.put(key, q);
            }
            return q;
        } catch (CimException e) {
            LOG.warn("filter {} no longer compiles ({}); its subscriptions are inactive", filter.path(), e.getMessage());
            return null;
        }
    }

    /** The destination's checked URL; null (logged) when the policy no longer allows it. */
    URI url(CimInstance destination) {
        String text = String.valueOf(string(destination, "Destination"));
        try {
            URI url = nextUrls.get(text);
            if (url == null) {
                url = urls.get(text);
                url = url != null ? url : checked.get(text);
                // not checked yet (stored before a restart): its host may be looked up here
                url = url != null ? url : policy.check(text);
                nextUrls.put(text, url);
            }
            return url;
        } catch (CimException e) {
            LOG.warn("listener destination {} is not usable ({}); its subscriptions are inactive", destination.path(),
                    e.getMessage());
            return null;
        }
    }
}
