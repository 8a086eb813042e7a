package org.openmargo.wfm;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

import org.openmargo.wfm.catalogue.Catalogue;
import org.openmargo.wfm.config.WfmSettings;
import org.openmargo.wfm.desiredstate.ManifestCache;
import org.openmargo.wfm.fleet.ClientLabels;
import org.openmargo.wfm.fleet.FleetDeployments;
import org.openmargo.wfm.fleet.FleetPreview;
import org.openmargo.wfm.fleet.ReconcileQueue;
import org.openmargo.wfm.fleet.Reconciler;
import org.openmargo.wfm.presence.Presence;
import org.openmargo.wfm.rollout.RolloutEngine;
import org.openmargo.wfm.rollout.RolloutGauges;
import org.openmargo.wfm.rollout.Rollouts;
import org.openmargo.wfm.store.Database;

/**
 * The fleet layer of a running WFM, wired: the reconciler behind its queue (fed by device changes, label, intent and
 * rollout changes, and the periodic sweep), the fleet deployments, client labels, rollouts and their engine, and the
 * record of polls (in memory, flushed to the database periodically). The periodic tasks run on {@code scheduler}.
 *
 * @param deployments fleet deployments (intents)
 * @param labels      operator-assigned client labels
 * @param rollouts    staged rollouts
 * @param presence    when each client last polled (this instance, or any instance as of the last flush)
 * @param preview     what a fleet deployment would target, creating nothing
 * @param gauges      the rollout figures the metrics read, refreshed by the rollout engine
 */
record Fleet(FleetDeployments deployments, ClientLabels labels, Rollouts rollouts, Presence presence,
             FleetPreview preview, RolloutGauges gauges) {

    static Fleet create(WfmSettings.Fleet settings, Database database, ManifestCache desiredState,
                        ScheduledExecutorService scheduler) {
        Clock clock = Clock.systemUTC();
        Catalogue catalogue = database.catalogue();
        ReconcileQueue queue = new ReconcileQueue(new Reconciler(database.transactions(), database.fleet(),
                database.devices(), catalogue, desiredState));
        database.devices().onChange(clientId -> queue.client(clientId, true));
        Presence presence = new Presence(clock, database.presence());
        presence.start(scheduler, settings.presenceFlush());
        Rollouts rollouts = new Rollouts(database.transactions(), database.rollouts(), database.fleet(), catalogue,
                queue, presence, clock, settings.staleAfter());
        queue.start(scheduler, settings.sweepInterval());
        RolloutGauges gauges = new RolloutGauges();
        new RolloutEngine(rollouts, database.rollouts(), gauges).start(scheduler, settings.rolloutInterval());
        return new Fleet(new FleetDeployments(database.transactions(), database.fleet(), catalogue, queue, clock),
                new ClientLabels(database.transactions(), database.fleet(), queue), rollouts, presence,
                new FleetPreview(database.fleet(), database.devices(), catalogue), gauges);
    }
}
