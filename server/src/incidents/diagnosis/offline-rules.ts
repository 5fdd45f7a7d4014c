import type { IncidentCategory } from '@trustops/contracts';
import {
  earliest,
  latest,
  minutesSince,
  scopeValue,
  type Diagnosis,
  type DiagnosisSubject,
  type EvidenceSet,
} from './evidence-set.js';

/** A deployment counts as "recent" (a likely trigger) within this many minutes. */
const RECENT_CHANGE_MINUTES = 6 * 60;

/** What one rule concluded: how strongly the evidence points at its cause, and which evidence. */
export interface RuleMatch {
  score: number;
  rootCause: string;
  explanation: string;
  evidenceIds: string[];
  subject: DiagnosisSubject;
}

export interface DiagnosisRule {
  rootCauseId: string;
  category: IncidentCategory;
  /** Null when the evidence shows nothing of this cause. */
  match(evidence: EvidenceSet): RuleMatch | null;
}

/** Adds up weighted signals and remembers the evidence behind each one that held. */
class Signals {
  score = 0;
  readonly ids = new Set<string>();
  readonly reasons: string[] = [];

  add(holds: boolean, weight: number, ids: string[], reason: string): boolean {
    if (!holds) return false;
    this.score += weight;
    for (const id of ids) this.ids.add(id);
    this.reasons.push(reason);
    return true;
  }

  result(rootCause: string, subject: DiagnosisSubject): RuleMatch {
    return {
      score: Math.min(0.97, Math.round(this.score * 100) / 100),
      rootCause,
      explanation: `${this.reasons.join(' ')}`,
      evidenceIds: [...this.ids],
      subject,
    };
  }
}

const recent = (startedAt: string): boolean => minutesSince(startedAt) <= RECENT_CHANGE_MINUTES;

/** CPU pinned on one host while its heap grows, out-of-memory logs, and a release on that host shortly before. */
const memoryLeak: DiagnosisRule = {
  rootCauseId: 'memory-leak',
  category: 'performance',
  match(evidence) {
    let best: RuleMatch | null = null;
    for (const cpu of evidence.series(/cpu/i, /^host:/)) {
      if (latest(cpu.series) < 85) continue;
      const host = scopeValue(cpu.series.scope);
      const signals = new Signals();
      signals.add(
        true,
        0.3,
        [cpu.id],
        `CPU on ${host} is at ${latest(cpu.series)}% (it was ${earliest(cpu.series)}% an hour ago).`,
      );
      const memory = evidence
        .series(/heap|mem/i, `host:${host}`)
        .filter(({ series }) => latest(series) >= 80 && latest(series) >= earliest(series) * 1.5);
      const memoryGrows = signals.add(
        memory.length > 0,
        0.25,
        memory.map(({ id }) => id),
        `Memory on ${host} has climbed steadily to ${memory[0] ? latest(memory[0].series) : 0}% without levelling off, the shape of a leak.`,
      );
      const gc = evidence.series(/gc/i, `host:${host}`).filter(({ series }) => latest(series) > earliest(series) * 5);
      signals.add(
        gc.length > 0,
        0.1,
        gc.map(({ id }) => id),
        'Garbage-collection pauses grew many times over, which is what burns the CPU.',
      );
      const outOfMemory = evidence.logs(/OutOfMemory|GC overhead|heap space|memory leak/i, host);
      const logsAgree = signals.add(
        outOfMemory.length > 0,
        0.2,
        outOfMemory.map(({ id }) => id),
        `The application on ${host} logged "${outOfMemory[0]?.entry.message ?? ''}".`,
      );
      if (!memoryGrows && !logsAgree) continue;
      const deploy = evidence
        .deployments()
        .find(
          ({ deployment }) =>
            deployment.changeType === 'application' &&
            deployment.updatedHosts.includes(host) &&
            recent(deployment.startedAt),
        );
      signals.add(
        deploy !== undefined,
        0.15,
        deploy ? [deploy.id] : [],
        deploy
          ? `It started after ${deploy.deployment.service} ${deploy.deployment.version} was deployed to ${host} (the other hosts still run ${deploy.deployment.previousVersion ?? 'the previous version'} and are fine).`
          : '',
      );
      const hostHealth = evidence.hosts().find(({ health }) => health.host === host);
      const busiest = hostHealth?.health.processes.slice().sort((a, b) => b.cpuPercent - a.cpuPercent)[0];
      if (hostHealth) signals.ids.add(hostHealth.id);
      const service = busiest?.name ?? deploy?.deployment.service ?? 'the application';
      const version = deploy ? ` ${deploy.deployment.version}` : '';
      const match = signals.result(
        `Memory leak in ${service}${version} on ${host}: the heap keeps growing and garbage collection drives CPU to ${latest(cpu.series)}%.`,
        {
          host,
          process: service,
          service: deploy?.deployment.service ?? service,
          deploymentId: deploy?.deployment.id,
          version: deploy?.deployment.version,
          previousVersion: deploy?.deployment.previousVersion ?? undefined,
          signal: { metric: cpu.series.metric, scope: cpu.series.scope },
        },
      );
      if (!best || match.score > best.score) best = match;
    }
    return best;
  },
};

/** Every pooled connection in use, requests queueing for one, and pool time-outs in the logs. */
const connectionPoolExhaustion: DiagnosisRule = {
  rootCauseId: 'connection-pool-exhaustion',
  category: 'database',
  match(evidence) {
    for (const inUse of evidence.series(/pool.*(in_use|active)|connections_in_use/i)) {
      const max = evidence.series(/max_connections|pool.*(max|size)/i, inUse.series.scope)[0];
      if (!max || latest(inUse.series) < latest(max.series) * 0.95) continue;
      const target = scopeValue(inUse.series.scope);
      const signals = new Signals();
      signals.add(
        true,
        0.45,
        [inUse.id, max.id],
        `All ${latest(max.series)} pooled connections to ${target} are in use (${earliest(inUse.series)} an hour ago).`,
      );
      const waiting = evidence
        .series(/waiting|pending/i, inUse.series.scope)
        .filter(({ series }) => latest(series) > 0);
      signals.add(
        waiting.length > 0,
        0.2,
        waiting.map(({ id }) => id),
        `${waiting[0] ? latest(waiting[0].series) : 0} requests are queueing for a connection.`,
      );
      const timeouts = evidence.logs(
        /connection is not available|acquiring connection|too many connections|connection pool/i,
      );
      signals.add(
        timeouts.length > 0,
        0.2,
        timeouts.map(({ id }) => id),
        'The application logs time-outs waiting for a pooled connection.',
      );
      const databaseCpu = evidence.series(/cpu/i, inUse.series.scope).filter(({ series }) => latest(series) < 80);
      signals.add(
        databaseCpu.length > 0,
        0.1,
        databaseCpu.map(({ id }) => id),
        `The database itself is not overloaded (CPU ${databaseCpu[0] ? latest(databaseCpu[0].series) : 0}%), so the limit is the pool, not the server.`,
      );
      const longRunning = evidence.logs(/report|batch|parallel/i);
      signals.add(
        longRunning.length > 0,
        0.02,
        longRunning.map(({ id }) => id),
        `A likely trigger: "${longRunning[0]?.entry.message ?? ''}".`,
      );
      return signals.result(
        `Connection-pool exhaustion on ${target}: every one of its ${latest(max.series)} pooled connections is taken and requests time out waiting.`,
        {
          host: target,
          pool: target,
          poolSize: latest(max.series),
          signal: waiting[0]
            ? { metric: waiting[0].series.metric, scope: waiting[0].series.scope }
            : { metric: inUse.series.metric, scope: inUse.series.scope },
        },
      );
    }
    return null;
  },
};

/** A rollout stopped half way, with errors on the updated hosts only. */
const partialRolloutFailure: DiagnosisRule = {
  rootCauseId: 'partial-rollout-failure',
  category: 'deployment',
  match(evidence) {
    for (const { id, deployment } of evidence.deployments()) {
      if (deployment.changeType !== 'application' || !recent(deployment.startedAt)) continue;
      if (!['partial', 'failed'].includes(deployment.status) || deployment.pendingHosts.length === 0) continue;
      const signals = new Signals();
      signals.add(
        true,
        0.4,
        [id],
        `The rollout of ${deployment.service} ${deployment.version} stopped at ${deployment.updatedHosts.length} of ${deployment.updatedHosts.length + deployment.pendingHosts.length} hosts (${deployment.status}).`,
      );
      const errorsOn = (host: string) => evidence.series(/error/i, `host:${host}`);
      const failingUpdated = deployment.updatedHosts.flatMap(errorsOn).filter(({ series }) => latest(series) > 10);
      const healthyPending = deployment.pendingHosts.flatMap(errorsOn).filter(({ series }) => latest(series) < 2);
      signals.add(
        failingUpdated.length > 0 && healthyPending.length > 0,
        0.3,
        [...failingUpdated, ...healthyPending].map((item) => item.id),
        `Hosts on ${deployment.version} fail ${failingUpdated[0] ? latest(failingUpdated[0].series) : 0}% of requests while hosts still on ${deployment.previousVersion ?? 'the old version'} fail under 2%.`,
      );
      const updatedLogs = deployment.updatedHosts.flatMap((host) =>
        evidence.logs(/error|exception|missing|refus|500/i, host),
      );
      signals.add(
        updatedLogs.length > 0,
        0.15,
        updatedLogs.map((item) => item.id),
        `Errors on the updated hosts: "${updatedLogs[0]?.entry.message ?? ''}".`,
      );
      const serviceErrors = evidence
        .series(/error/i, `service:${deployment.service}`)
        .filter(({ series }) => latest(series) > 5);
      signals.add(
        serviceErrors.length > 0,
        0.1,
        serviceErrors.map((item) => item.id),
        `${deployment.service} as a whole now fails ${serviceErrors[0] ? latest(serviceErrors[0].series) : 0}% of requests.`,
      );
      return signals.result(
        `Partial rollout failure of ${deployment.service} ${deployment.version}: the updated hosts fail requests while those still on ${deployment.previousVersion ?? 'the previous version'} work.`,
        {
          service: deployment.service,
          deploymentId: deployment.id,
          version: deployment.version,
          previousVersion: deployment.previousVersion ?? undefined,
          signal: serviceErrors[0]
            ? { metric: serviceErrors[0].series.metric, scope: serviceErrors[0].series.scope }
            : undefined,
        },
      );
    }
    return null;
  },
};

/** One region slow while the others and the origin are fine, its cache hit ratio collapsed, after a CDN change. */
const cdnMisconfiguration: DiagnosisRule = {
  rootCauseId: 'cdn-misconfiguration',
  category: 'network',
  match(evidence) {
    const regional = evidence.series(/response_time|latency|duration/i, /^region:/);
    for (const slow of regional) {
      const others = regional
        .filter((other) => other.series.metric === slow.series.metric && other !== slow)
        .map(({ series }) => latest(series));
      if (others.length === 0) continue;
      const typical = others.sort((a, b) => a - b)[Math.floor(others.length / 2)];
      if (latest(slow.series) < 1000 || latest(slow.series) < typical * 3) continue;
      const region = scopeValue(slow.series.scope);
      const signals = new Signals();
      signals.add(
        true,
        0.35,
        [slow.id],
        `Pages in ${region} take ${latest(slow.series)} ms at p95 while other regions take about ${typical} ms.`,
      );
      const cache = evidence
        .series(/cache_hit/i, slow.series.scope)
        .filter(({ series }) => latest(series) < earliest(series) / 2);
      signals.add(
        cache.length > 0,
        0.25,
        cache.map(({ id }) => id),
        `The ${region} edge cache hit ratio fell from ${cache[0] ? earliest(cache[0].series) : 0}% to ${cache[0] ? latest(cache[0].series) : 0}%, so requests go back to the origin.`,
      );
      const change = evidence
        .deployments()
        .find(
          ({ deployment }) =>
            /cdn/i.test(`${deployment.service} ${deployment.description}`) && recent(deployment.startedAt),
        );
      signals.add(
        change !== undefined,
        0.25,
        change ? [change.id] : [],
        change ? `It began right after a CDN change: ${change.deployment.description}.` : '',
      );
      const origin = evidence.series(/duration|latency/i, /^service:/).filter(({ series }) => latest(series) < 500);
      signals.add(
        origin.length > 0,
        0.1,
        origin.map(({ id }) => id),
        'The origin servers answer quickly, so the slowness is between the users and the origin.',
      );
      const edgeLogs = evidence.logs(/distribution|edge|origin/i);
      signals.add(
        edgeLogs.length > 0,
        0.02,
        edgeLogs.map(({ id }) => id),
        `The CDN logged: "${edgeLogs[0]?.entry.message ?? ''}".`,
      );
      const distribution =
        change?.deployment.version.split('@')[0] ??
        edgeLogs.map(({ entry }) => /distribution (\S+)/i.exec(entry.message)?.[1]).find(Boolean);
      return signals.result(
        `CDN misconfiguration on ${distribution ?? 'the CDN'}: the ${region} edge stopped caching and forwards requests to a distant origin.`,
        {
          region,
          distribution,
          service: change?.deployment.service,
          signal: { metric: slow.series.metric, scope: slow.series.scope },
        },
      );
    }
    return null;
  },
};

/** An integration-engine queue growing, no acknowledgements, and its sender hung. */
const hl7QueueBacklog: DiagnosisRule = {
  rootCauseId: 'hl7-queue-backlog',
  category: 'integration',
  match(evidence) {
    for (const depth of evidence.series(/queue.*depth|depth/i, /^queue:/)) {
      if (latest(depth.series) < 1000 || latest(depth.series) < earliest(depth.series) * 10) continue;
      const queue = scopeValue(depth.series.scope);
      const signals = new Signals();
      signals.add(
        true,
        0.35,
        [depth.id],
        `${queue} holds ${latest(depth.series)} messages (${earliest(depth.series)} an hour ago) and keeps growing.`,
      );
      const acks = evidence
        .series(/ack/i, depth.series.scope)
        .filter(({ series }) => latest(series) === 0 && earliest(series) > 0);
      signals.add(
        acks.length > 0,
        0.2,
        acks.map(({ id }) => id),
        'No acknowledgements have come back from the receiving system since the backlog began.',
      );
      const hung = evidence
        .hosts()
        .flatMap(({ id, health }) =>
          health.processes
            .filter((process) => ['hung', 'stopped'].includes(process.status))
            .map((process) => ({ id, host: health.host, process })),
        );
      signals.add(
        hung.length > 0,
        0.2,
        hung.map(({ id }) => id),
        hung[0] ? `The sender ${hung[0].process.name} on ${hung[0].host} is ${hung[0].process.status}.` : '',
      );
      const mllp = evidence.logs(/MLLP|ACK|HL7|sender/i);
      signals.add(
        mllp.length > 0,
        0.15,
        mllp.map(({ id }) => id),
        `The engine logged: "${mllp[0]?.entry.message ?? ''}".`,
      );
      return signals.result(
        `HL7 feed backlog on ${queue}: its sender${hung[0] ? ` (${hung[0].process.name} on ${hung[0].host})` : ''} stopped receiving acknowledgements, so messages pile up and downstream systems go stale.`,
        {
          queue,
          consumer: hung[0]?.process.name,
          host: hung[0]?.host,
          signal: { metric: depth.series.metric, scope: depth.series.scope },
        },
      );
    }
    return null;
  },
};

/** A service's process crashed or stopped on a host that is down, with no recent change to blame. */
const serviceCrashed: DiagnosisRule = {
  rootCauseId: 'service-crashed',
  category: 'availability',
  match(evidence) {
    for (const { id, health } of evidence.hosts()) {
      const dead = health.processes.find((process) => ['crashed', 'stopped'].includes(process.status));
      if (!dead) continue;
      const signals = new Signals();
      signals.add(true, 0.4, [id], `${dead.name} on ${health.host} has ${dead.status} and is not running.`);
      const failing = health.checks.filter((check) => !check.passing);
      signals.add(
        failing.length > 0 || health.status === 'down',
        0.15,
        [id],
        `${health.host} fails its checks: ${failing.map((check) => `${check.name} (${check.detail})`).join(', ')}.`,
      );
      const logs = evidence
        .logs(/fatal|exited|crash|too many open files|refused|FAILURE/i)
        .filter(({ entry }) => entry.host === health.host || entry.message.includes(health.host));
      signals.add(
        logs.length > 0,
        0.15,
        logs.map((item) => item.id),
        `Logs: "${logs[0]?.entry.message ?? ''}".`,
      );
      const availability = evidence
        .series(/success|availability|\.up\b/i)
        .filter(({ series }) => latest(series) < 50 && earliest(series) >= 90);
      signals.add(
        availability.length > 0,
        0.15,
        availability.map((item) => item.id),
        `${availability[0]?.series.metric ?? ''} dropped from ${availability[0] ? earliest(availability[0].series) : 0}% to ${availability[0] ? latest(availability[0].series) : 0}%.`,
      );
      const changed = evidence
        .deployments()
        .some(({ deployment }) => deployment.updatedHosts.includes(health.host) && recent(deployment.startedAt));
      signals.add(
        !changed,
        0.1,
        [],
        'Nothing was deployed to it recently, so restarting the same version is the quickest way back.',
      );
      return signals.result(
        `${dead.name} on ${health.host} has ${dead.status} and did not come back, so the service is down.`,
        {
          host: health.host,
          process: dead.name,
          hostRole: health.role,
          service: logs[0]?.entry.service,
          signal: availability[0]
            ? { metric: availability[0].series.metric, scope: availability[0].series.scope }
            : undefined,
        },
      );
    }
    return null;
  },
};

export const DIAGNOSIS_RULES: readonly DiagnosisRule[] = [
  memoryLeak,
  connectionPoolExhaustion,
  partialRolloutFailure,
  cdnMisconfiguration,
  hl7QueueBacklog,
  serviceCrashed,
];

/** The least score a rule needs for its cause to be named; below it the cause is undetermined. */
export const MINIMUM_SCORE = 0.4;

/**
 * The offline engine: runs every rule over the evidence and names the cause whose evidence is
 * strongest, with that score as the confidence and the evidence behind it.
 */
export function diagnoseOffline(evidence: EvidenceSet): Diagnosis {
  let best: { rule: DiagnosisRule; match: RuleMatch } | null = null;
  for (const rule of DIAGNOSIS_RULES) {
    const match = rule.match(evidence);
    if (match && (!best || match.score > best.match.score)) best = { rule, match };
  }
  if (!best || best.match.score < MINIMUM_SCORE) {
    const alerts = evidence.alerts();
    return {
      rootCauseId: 'undetermined',
      rootCause: 'The cause could not be determined from the evidence gathered so far.',
      explanation: `${alerts.length} alert(s) are firing, but no known pattern fits them well enough. Add what you have seen and diagnose again, or investigate by hand.`,
      confidence: 0.2,
      evidenceIds: alerts.map(({ id }) => id),
      category: 'unknown',
      subject: {},
    };
  }
  return {
    rootCauseId: best.rule.rootCauseId,
    rootCause: best.match.rootCause,
    explanation: best.match.explanation,
    confidence: best.match.score,
    evidenceIds: best.match.evidenceIds,
    category: best.rule.category,
    subject: best.match.subject,
  };
}

/** The subject of a named cause (for a cause another engine chose), from the matching rule. */
export function subjectFor(rootCauseId: string, evidence: EvidenceSet): DiagnosisSubject {
  return DIAGNOSIS_RULES.find((rule) => rule.rootCauseId === rootCauseId)?.match(evidence)?.subject ?? {};
}
