import type { Alert, IncidentCategory, IncidentSeverity } from '@trustops/contracts';

export interface Classification {
  category: IncidentCategory;
  severity: IncidentSeverity;
  service: string | null;
  /** Why, in a sentence, for the timeline. */
  reason: string;
}

/** Words people use for each kind of problem; the first category with the most hits wins. */
const CATEGORY_WORDS: Array<[IncidentCategory, RegExp]> = [
  ['deployment', /\b(deploy\w*|release\w*|rollout|rolled out|new version|upgrade\w*)\b/gi],
  ['database', /\b(database|db|sql|connection\w*|postgres\w*|timeouts?)\b/gi],
  ['integration', /\b(hl7|feed|interface|adt|queue|backlog|messages?|integration engine|tie|mllp)\b/gi],
  ['network', /\b(latency|cdn|europe|eu|region|dns|network|pages? take ages|load\w*)\b/gi],
  ['availability', /\b(down|outage|unavailable|cannot log in|can't log in|nobody can|pas|offline)\b/gi],
  ['performance', /\b(slow\w*|cpu|memory|hang\w*|sluggish|high load)\b/gi],
];

const ALERT_HINTS: Array<[IncidentCategory, RegExp]> = [
  ['database', /pool|connection|db-/i],
  ['integration', /hl7|queue|ack/i],
  ['network', /cdn|synthetic.*eu|region/i],
  ['deployment', /deploy|rollout/i],
  ['availability', /process not running|login synthetic|down/i],
  ['performance', /cpu|memory|latency/i],
];

/**
 * Classifies a plain-English report, helped by the alerts firing now: what kind of problem,
 * how severe, and which service. Words in the report count twice as much as alert titles,
 * because the reporter knows what they are looking at.
 */
export function classify(description: string, alerts: Alert[]): Classification {
  const scores = new Map<IncidentCategory, number>();
  for (const [category, words] of CATEGORY_WORDS) {
    scores.set(category, (description.match(words)?.length ?? 0) * 2);
  }
  for (const alert of alerts) {
    const hint = ALERT_HINTS.find(([, pattern]) => pattern.test(`${alert.title} ${alert.metric ?? ''}`));
    if (hint) scores.set(hint[0], (scores.get(hint[0]) ?? 0) + 1);
  }
  let category: IncidentCategory = 'unknown';
  let best = 0;
  for (const [candidate, score] of scores) {
    if (score > best) {
      category = candidate;
      best = score;
    }
  }
  const critical = alerts.filter((alert) => alert.severity === 'critical').length;
  const severity: IncidentSeverity =
    category === 'availability' && critical > 0 ? 'sev1' : critical > 0 ? 'sev2' : alerts.length > 0 ? 'sev3' : 'sev4';
  const text = description.toLowerCase();
  const services = [...new Set(alerts.map((alert) => alert.service).filter((service): service is string => !!service))];
  const named = services.find(
    (service) => text.includes(service.toLowerCase()) || text.includes(service.split('-')[0].toLowerCase()),
  );
  const service = named ?? services[0] ?? null;
  const reason =
    category === 'unknown'
      ? 'The report and the current alerts do not point to a known kind of problem yet.'
      : `Classified as ${category} (${severity}) from the report${alerts.length ? ` and ${alerts.length} firing alert(s)` : ''}${service ? `; affected service: ${service}` : ''}.`;
  return { category, severity, service, reason };
}
