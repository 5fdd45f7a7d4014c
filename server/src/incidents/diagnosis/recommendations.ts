import type {
  ApprovalPolicy,
  CloudOperation,
  IntegrationAction,
  RecommendedActionView,
  RiskLevel,
  VerificationCheck,
} from '@trustops/contracts';
import type { Diagnosis, DiagnosisSubject } from './evidence-set.js';

/** A recommended action before it is stored. */
export type Recommendation = Pick<
  RecommendedActionView,
  'rank' | 'title' | 'rationale' | 'risk' | 'approvalPolicy' | 'action' | 'verification' | 'runbookId'
>;

/**
 * Who must approve an action: nobody for read-only ones, one supervisor for a change, two for a
 * high-risk change (a clinical system, a change that is hard to undo).
 */
export function approvalPolicyFor(risk: RiskLevel, readOnly: boolean): ApprovalPolicy {
  if (readOnly) return 'auto';
  return risk === 'high' ? 'require_two' : 'require_one';
}

type Draft = Omit<Recommendation, 'rank' | 'approvalPolicy'>;

/** A change made through the cloud integration. */
function cloudChange(operation: CloudOperation, target: string, params: Record<string, unknown>): IntegrationAction {
  return { integration: 'aws', operation, target, params, readOnly: false };
}

function check(
  signal: DiagnosisSubject['signal'],
  comparison: VerificationCheck['comparison'],
  threshold: number,
  description: string,
): VerificationCheck | null {
  return signal ? { ...signal, comparison, threshold, description } : null;
}

/** A read-only look at a host that always comes last: it needs no approval and changes nothing. */
function snapshot(host: string | undefined): Draft[] {
  if (!host) return [];
  return [
    {
      title: `Take a fresh health snapshot of ${host}`,
      rationale: 'Reads the host’s checks and processes again; it changes nothing, so it needs no approval.',
      risk: 'low',
      action: { integration: 'aws', operation: 'hostHealth', target: host, params: { host }, readOnly: true },
      verification: null,
      runbookId: null,
    },
  ];
}

/** Actions for each cause, best first. */
const DRAFTS: Record<string, (subject: DiagnosisSubject) => Draft[]> = {
  'memory-leak': (subject) => [
    {
      title: `Restart ${subject.process} on ${subject.host}`,
      rationale:
        'A restart frees the leaked memory at once and brings CPU back down; the leak will return over hours, so plan a fix or a rollback.',
      risk: 'medium',
      action: cloudChange('restartService', `${subject.host}/${subject.process}`, {
        host: subject.host,
        service: subject.process,
      }),
      verification: check(subject.signal, 'below', 70, `CPU on ${subject.host} back below 70%`),
      runbookId: 'incidents-restart-service',
    },
    ...(subject.previousVersion
      ? [
          {
            title: `Roll ${subject.service} back to ${subject.previousVersion}`,
            rationale: `Removes the leaking release ${subject.version ?? ''} for good; the features it brought go too.`,
            risk: 'medium' as const,
            action: cloudChange('rollbackDeployment', subject.service ?? '', {
              service: subject.service,
              toVersion: subject.previousVersion,
            }),
            verification: check(subject.signal, 'below', 70, `CPU on ${subject.host} back below 70%`),
            runbookId: 'incidents-rollback-deploy',
          },
        ]
      : []),
    ...snapshot(subject.host),
  ],
  'connection-pool-exhaustion': (subject) => [
    {
      title: `Scale the connection pool of ${subject.pool} from ${subject.poolSize} to ${(subject.poolSize ?? 50) * 2}`,
      rationale:
        'More pooled connections let queued requests through; the database has capacity to spare. Find what holds connections for so long afterwards.',
      risk: 'medium',
      action: cloudChange('scalePool', subject.pool ?? '', { pool: subject.pool, size: (subject.poolSize ?? 50) * 2 }),
      verification: check(
        subject.signal,
        'below',
        5,
        `No more than a handful of requests waiting for a connection to ${subject.pool}`,
      ),
      runbookId: 'incidents-scale-pool',
    },
    ...snapshot(subject.host),
  ],
  'partial-rollout-failure': (subject) => [
    {
      title: `Roll ${subject.service} back to ${subject.previousVersion}`,
      rationale: `The hosts on ${subject.version} fail while those on ${subject.previousVersion} work: rolling back restores service on every host.`,
      risk: 'medium',
      action: cloudChange('rollbackDeployment', subject.service ?? '', {
        service: subject.service,
        toVersion: subject.previousVersion,
      }),
      verification: check(subject.signal, 'below', 2, `${subject.service} errors back below 2%`),
      runbookId: 'incidents-rollback-deploy',
    },
  ],
  'cdn-misconfiguration': (subject) => [
    {
      title: `Restore the last good configuration of ${subject.distribution} and purge its cache`,
      rationale: `The ${subject.region} edge serves from the wrong origin without caching; restoring the previous rules and purging lets it cache from the nearby origin again.`,
      risk: 'low',
      action: cloudChange('purgeCdnCache', subject.distribution ?? '', {
        distribution: subject.distribution,
        paths: ['/*'],
      }),
      verification: check(subject.signal, 'below', 500, `${subject.region} page loads back below 500 ms at p95`),
      runbookId: 'incidents-purge-cdn-cache',
    },
  ],
  'hl7-queue-backlog': (subject) => [
    {
      title: `Restart the sender ${subject.consumer} and drain ${subject.queue}`,
      rationale:
        'Restarting the hung sender reconnects to the receiving system; the queued messages are then delivered in order.',
      risk: 'medium',
      action: cloudChange('drainQueue', subject.queue ?? '', { queue: subject.queue, consumer: subject.consumer }),
      verification: check(subject.signal, 'below', 100, `${subject.queue} back below 100 queued messages`),
      runbookId: 'incidents-drain-hl7-queue',
    },
    ...snapshot(subject.host),
  ],
  'service-crashed': (subject) => {
    // A clinical system (PAS, EPR) going down and up again affects patients: two people decide.
    const clinical = subject.hostRole?.startsWith('clinical') ?? false;
    return [
      {
        title: `Restart ${subject.process} on ${subject.host}`,
        rationale: 'The process crashed and its automatic restarts gave up; starting it again brings the service back.',
        risk: clinical ? 'high' : 'medium',
        action: cloudChange('restartService', `${subject.host}/${subject.process}`, {
          host: subject.host,
          service: subject.process,
        }),
        verification: check(subject.signal, 'above', 95, `${subject.signal?.metric ?? 'The service'} back above 95%`),
        runbookId: clinical ? 'incidents-restart-clinical-service' : 'incidents-restart-service',
      },
      ...snapshot(subject.host),
    ];
  },
};

/** Ranked actions for a diagnosis, each with its risk and approval policy. */
export function recommend(diagnosis: Diagnosis): Recommendation[] {
  const drafts = DRAFTS[diagnosis.rootCauseId]?.(diagnosis.subject) ?? snapshot(diagnosis.subject.host);
  return drafts.map((draft, index) => ({
    ...draft,
    rank: index + 1,
    approvalPolicy: approvalPolicyFor(draft.risk, draft.action.readOnly),
  }));
}
