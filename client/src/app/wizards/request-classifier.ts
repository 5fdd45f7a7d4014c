import type { WizardKey } from './wizard-catalogue';

/**
 * "What do you need?" on the home page: a plain-English request matched to a guided wizard by
 * phrases and words, deterministically (no model), so the same words always lead to the same place.
 * When two wizards score alike, or nothing matches, the person is asked which they meant.
 */
export type Classification =
  | { kind: 'wizard'; wizard: WizardKey; score: number }
  | { kind: 'clarify'; question: string; candidates: [WizardKey, WizardKey] };

interface Cue {
  pattern: RegExp;
  weight: number;
}

const CUES: Record<WizardKey, Cue[]> = {
  impact: [
    { pattern: /\bwhat (happens|would happen|breaks|would break) if\b/, weight: 6 },
    { pattern: /\bimpact|\baffect(s|ed)?\b|\bknock[- ]on\b/, weight: 5 },
    { pattern: /\bwhat (changes|needs to change|would need to change) (are|is)? ?(needed|required)?/, weight: 5 },
    {
      pattern: /\b(change|changing|changes|switch(ing)? to|move to|migrat(e|ing|ion)|upgrad(e|ing)|replac(e|ing))\b/,
      weight: 2,
    },
    { pattern: /\bnew (format|identifier|version|number)\b|\bformat\b/, weight: 2 },
  ],
  'test-plan': [
    { pattern: /\btest (plan|cases?|scripts?|scenarios?)\b/, weight: 6 },
    { pattern: /\b(test|tests|testing|regression|edge cases?|uat)\b/, weight: 4 },
    { pattern: /\bhow (do|should|can) (we|i) (check|verify|prove)\b/, weight: 3 },
  ],
  document: [
    { pattern: /\b(document|documentation|write[- ]?up|handover notes?|user guide|integration guide)\b/, weight: 5 },
    { pattern: /\b(describe|write down|spec(ification)?)\b/, weight: 2 },
    { pattern: /\breview\b/, weight: 1 },
  ],
  analyse: [
    { pattern: /\bwhat does\b|\bhow does\b|\bwhat is\b/, weight: 4 },
    {
      pattern:
        /\b(analy[sz]e|analysis|reverse[- ]engineer|understand|explain|architecture|data ?flow|message flow|inventory|components?)\b/,
      weight: 4,
    },
    { pattern: /\b(work|works|handle|handles|do)\b/, weight: 1 },
    { pattern: /\breview\b/, weight: 1 },
  ],
  gap: [
    { pattern: /\bgaps?\b|\bgap analysis\b/, weight: 6 },
    {
      pattern:
        /\b(missing|compare|comparison|against|versus|vs\.?|compliant|compliance|conform(s|ance)?|meets?|requirements?)\b/,
      weight: 3,
    },
    { pattern: /\bdoes it support\b|\bcan it\b/, weight: 3 },
  ],
};

/** The order candidates are offered in when nothing matches at all. */
const DEFAULT_CANDIDATES: [WizardKey, WizardKey] = ['analyse', 'document'];

/** Scores within this of the best count as a tie worth asking about. */
const TIE_MARGIN = 1;

export function scoreRequest(request: string): Record<WizardKey, number> {
  const text = request.toLowerCase().replace(/\s+/g, ' ');
  const scores = {} as Record<WizardKey, number>;
  for (const [key, cues] of Object.entries(CUES) as Array<[WizardKey, Cue[]]>)
    scores[key] = cues.reduce((sum, cue) => sum + (cue.pattern.test(text) ? cue.weight : 0), 0);
  return scores;
}

export function classifyRequest(request: string): Classification {
  const scores = scoreRequest(request);
  const ranked = (Object.entries(scores) as Array<[WizardKey, number]>).sort((a, b) => b[1] - a[1]);
  const [first, second] = ranked;
  if (!first || !second || first[1] === 0)
    return {
      kind: 'clarify',
      question: 'Which of these is closest to what you need?',
      candidates: DEFAULT_CANDIDATES,
    };
  if (second[1] > 0 && first[1] - second[1] <= TIE_MARGIN)
    return {
      kind: 'clarify',
      question: 'Your request could mean either of these. Which is closer?',
      candidates: [first[0], second[0]],
    };
  return { kind: 'wizard', wizard: first[0], score: first[1] };
}
