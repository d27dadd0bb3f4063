package org.cimkit.server.indications;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import org.cimkit.model.CimException;
import org.cimkit.model.CimInstance;
import org.cimkit.model.CimName;
import org.cimkit.model.CimNamespace;
import org.cimkit.model.CimObjectPath;
import org.cimkit.model.CimProperty;
import org.cimkit.model.CimValue;
import org.cimkit.server.changes.InstanceChange;
import org.cimkit.server.changes.InstanceChangeListener;
import org.cimkit.server.changes.MethodCall;
import org.cimkit.server.changes.RaisedIndication;
import org.cimkit.server.indications.delivery.IndicationDelivery;
import org.cimkit.server.indications.subscriptions.ActiveSubscription;
import org.cimkit.server.indications.subscriptions.SubscriptionIndex;
import org.cimkit.server.jobs.JobState;
import org.cimkit.server.providers.NamespaceAccess;
import org.cimkit.server.providers.NamespaceObjects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what the change hook reports into indications and hands each one, per matching subscription,
 * to delivery. For every change it looks at the active subscriptions: the change's namespace must be
 * one of the filter's source namespaces, the indication's class must be (a subclass of) the filter's
 * FROM class, the WHERE clause must hold, and the subscription's owner must be allowed to read the
 * namespace; the indication is then projected to the filter's select list and named after the filter.
 *
 * <p>Runs on the thread that announces the change: for stored instances the one that made it, while
 * the namespace's next change waits (so a namespace's indications keep the order of its changes); for
 * a job the thread that changed it, one job's announcements in order (the job engine's publication
 * lock); a held progress step is sent from the timer thread. It only evaluates filters and queues,
 * never waiting for the network or the disk. Job progress is coalesced ({@link ProgressCoalescer}); a
 * job that ends in state Exception also raises a CIM_AlertIndication.
 */
public final class IndicationProducer implements InstanceChangeListener {
    private static final Logger LOG = LoggerFactory.getLogger(IndicationProducer.class);
    static final CimName CONCRETE_JOB = CimName.of("CIM_ConcreteJob");
    static final CimName AFFECTED_JOB_ELEMENT = CimName.of("CIM_AffectedJobElement");
    private static final CimName ELAPSED_TIME = CimName.of("ElapsedTime");

    private final SubscriptionIndex subscriptions;
    private final IndicationDelivery delivery;
    private final NamespaceAccess access;
    private final Function<CimNamespace, NamespaceObjects> objects;
    private final ClassHierarchy classes;
    private final IndicationBuilder builder;
    private final ProgressCoalescer progress;
    /** The element each job works on, learnt from the CIM_AffectedJobElement instances the job provider announces. */
    private final Map<CimObjectPath, CimObjectPath> affectedByJob = new ConcurrentHashMap<>();
    private final Map<CimNamespace, NamespaceObjects> objectsByNamespace = new ConcurrentHashMap<>();

    /**
     * @param objects          the objects of a namespace (null when it does not exist)
     * @param interop          the namespace the filters live in
     * @param host             the server's host name (SourceInstanceHost)
     * @param progressInterval least milliseconds between two progress-only indications of one job
     * @param timer            runs the held progress indications when their interval ends
     */
    public IndicationProducer(SubscriptionIndex subscriptions, IndicationDelivery delivery, NamespaceAccess access,
            Function<CimNamespace, NamespaceObjects> objects, CimNamespace interop, String host, Clock clock,
            long progressInterval, ScheduledExecutorService timer) {
        this.subscriptions = subscriptions;
        this.delivery = delivery;
        this.access = access;
        this.objects = ns -> objectsByNamespace.computeIfAbsent(ns, n -> safely(objects, n));
        this.classes = new ClassHierarchy(this.objects, interop);
        this.builder = new IndicationBuilder(host, clock);
        this.progress = new ProgressCoalescer(progressInterval, clock, timer,
                (m, previousShown) -> dispatch(m.namespace(), builder.lifecycle(m, previousShown)));
    }

    private static NamespaceObjects safely(Function<CimNamespace, NamespaceObjects> objects, CimNamespace ns) {
        try {
            return objects.apply(ns);
        } catch (CimException e) {
            return null;
        }
    }

    @Override
    public void instanceChanged(InstanceChange change) {
        CimNamespace ns = change.namespace();
        CimName cls = change.instance().className();
        // bookkeeping first, also while nobody subscribes: an alert names the element of a job that
        // started before its subscriber, and a deleted job leaves nothing behind
        if (classes.isA(ns, cls, AFFECTED_JOB_ELEMENT)) {
            rememberAffected(change);
        }
        boolean job = classes.isA(ns, cls, CONCRETE_JOB);
        if (job && change instanceof InstanceChange.Deleted d) {
            progress.deleted(d);
            affectedByJob.remove(d.path());
        }
        if (subscriptions.active().isEmpty()) {
            return;
        }
        if (change instanceof InstanceChange.Modified m) {
            if (m.previous().equals(m.instance())) {
                return; // stored again unchanged: nothing happened a listener could see
            }
            if (job && onlyTheClockMoved(m)) {
                return; // ElapsedTime is computed when the job is rendered: it differs in every rendering
            }
            if (job) {
                progress.modified(m); // sends now or holds a progress step; the final state is never held
                if (failed(m)) {
                    alert(m);
                }
                return;
            }
        } else if (job && change instanceof InstanceChange.Created c) {
            progress.created(c);
        }
        dispatch(ns, builder.lifecycle(change, null));
    }

    /** Sends the progress steps still held back (the server is stopping). */
    public void flush() {
        progress.flushAll();
    }

    @Override
    public void methodCalled(MethodCall call) {
        if (subscriptions.active().isEmpty()) {
            return;
        }
        CimInstance target = null;
        if (call.target().hasKeys()) {
            NamespaceObjects o = objects.apply(call.namespace());
            target = o == null ? null : o.getInstance(call.target());
        }
        dispatch(call.namespace(), builder.methodCall(call, target));
    }

    @Override
    public void indicationRaised(RaisedIndication raised) {
        dispatch(raised.namespace(), raised.indication());
    }

    /** Sends an indication born in {@code ns} to every subscription that selects it. */
    private void dispatch(CimNamespace ns, CimInstance indication) {
        List<ActiveSubscription> active = subscriptions.active();
        for (ActiveSubscription s : active) {
            if (!s.sourceNamespaces().contains(ns)
                    || !classes.isA(ns, indication.className(), s.query().fromClass())
                    || !access.mayRead(s.owner(), ns)) {
                continue;
            }
            try {
                if (!s.query().matches(indication, (sub, sup) -> classes.isA(ns, sub, sup))) {
                    continue;
                }
                CimInstance projected = s.query().selectsAll() ? indication
                        : s.query().project(indication, name -> classes.classOf(ns, name));
                CimInstance selected = projected.toBuilder()
                        .putProperty(CimProperty.of("IndicationFilterName", new CimValue.StringValue(s.filterName()))).build();
                delivery.send(s.destination(), selected);
            } catch (RuntimeException e) {
                // one broken filter or destination must not keep the others from their indications
                LOG.warn("indication {} for subscription {} not sent: {}", indication.className(), s.path(), e.toString());
            }
        }
    }

    private void rememberAffected(InstanceChange change) {
        CimValue job = change.instance().value("AffectingElement");
        CimValue element = change.instance().value("AffectedElement");
        if (job instanceof CimValue.ReferenceValue j && element instanceof CimValue.ReferenceValue e) {
            CimObjectPath jobPath = j.path().local().withNamespace(change.namespace());
            if (change instanceof InstanceChange.Deleted) {
                affectedByJob.remove(jobPath);
            } else {
                affectedByJob.put(jobPath, e.path().namespace() == null ? e.path().withNamespace(change.namespace())
                        : e.path());
            }
        }
    }

    /** A job whose only difference is its ElapsedTime: nothing happened to it. */
    static boolean onlyTheClockMoved(InstanceChange.Modified m) {
        List<CimProperty> before = m.previous().properties();
        List<CimProperty> after = m.instance().properties();
        if (before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            CimProperty b = before.get(i);
            CimProperty a = after.get(i);
            if (!b.name().equals(a.name())) {
                return false;
            }
            if (!b.name().equals(ELAPSED_TIME) && !b.equals(a)) {
                return false;
            }
        }
        return true;
    }

    private static boolean failed(InstanceChange.Modified m) {
        int exception = JobState.EXCEPTION.code();
        return state(m.instance()) == exception && state(m.previous()) != exception;
    }

    private static long state(CimInstance job) {
        return job.value("JobState") instanceof CimValue.IntegerValue i ? i.bits() : -1;
    }

    private void alert(InstanceChange.Modified m) {
        dispatch(m.namespace(), builder.jobFailed(m.namespace(), m.instance(), affectedByJob.get(m.path())));
    }
}
