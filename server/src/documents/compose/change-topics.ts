/**
 * What a change is about, recognised from its plain-English description: the HL7 v2 fields that
 * carry it and the words code uses for it. "A new patient identifier format" is about PID-3, the
 * NHS number and identifiers; unknown topics fall back to the description's own longer words.
 */
export interface ChangeTopic {
  name: string;
  /** HL7 v2 fields that carry it (`PID-3`). */
  fields: string[];
  /** Regular expressions matching lines of code or configuration that handle it. */
  patterns: RegExp[];
}

interface TopicRule extends ChangeTopic {
  /** Words in the description that select this topic. */
  triggers: RegExp;
}

const TOPICS: TopicRule[] = [
  {
    name: 'Patient identifier (NHS number, PID-3)',
    triggers:
      /\b(nhs[ -]?(number|no)|patient[ -]?(identifier|id|number)|identifier|pid[-. _]?3|mrn|hospital number)\b/i,
    fields: ['PID-3'],
    patterns: [
      /nhs[-_ ]?(number|no)/i,
      /\bPID[-._ ]?3\b/i,
      /'PID',\s*3\b/,
      /\bidentifiers\b/i,
      /\bmrn\b/i,
      /isValidNhs/i,
    ],
  },
  {
    name: 'Date of birth (PID-7)',
    triggers: /\b(date of birth|dob|birth ?date|pid[-. _]?7)\b/i,
    fields: ['PID-7'],
    patterns: [/\bPID[-._ ]?7\b/i, /'PID',\s*7\b/, /birth/i, /\bdob\b/i],
  },
  {
    name: 'Patient name (PID-5)',
    triggers: /\b(patient name|surname|family name|given name|forename|pid[-. _]?5)\b/i,
    fields: ['PID-5'],
    patterns: [/\bPID[-._ ]?5\b/i, /'PID',\s*5\b/, /family|given|surname/i],
  },
  {
    name: 'Address and postcode (PID-11)',
    triggers: /\b(address|postcode|post code|pid[-. _]?11)\b/i,
    fields: ['PID-11'],
    patterns: [/\bPID[-._ ]?11\b/i, /'PID',\s*11\b/, /address|postcode/i],
  },
  {
    name: 'Registered GP practice (PD1-3, ODS code)',
    triggers: /\b(gp|practice|ods( code)?|pd1)\b/i,
    fields: ['PD1-3'],
    patterns: [/\bPD1[-._ ]?3\b/i, /'PD1',\s*3\b/, /practice|\bods\b/i],
  },
  {
    name: 'Ward, location and visit (PV1)',
    triggers: /\b(ward|location|bed|visit|encounter|pv1)\b/i,
    fields: ['PV1-3', 'PV1-19'],
    patterns: [/\bPV1[-._ ]?(3|19)\b/i, /'PV1',\s*(3|19)\b/, /location|ward|encounter/i],
  },
  {
    name: 'Lab results and observations (OBR/OBX)',
    triggers: /\b(lab|result|observation|pathology|obx|obr|units?)\b/i,
    fields: ['OBX-3', 'OBX-5', 'OBX-6'],
    patterns: [/\bOB[XR][-._ ]?\d+\b/i, /'OB[XR]',\s*\d+/, /observation|result/i],
  },
  {
    name: 'Message header and version (MSH)',
    triggers: /\b(hl7 version|version 2\.\d|msh|message header|sending facility|receiving facility)\b/i,
    fields: ['MSH-9', 'MSH-12'],
    patterns: [/\bMSH[-._ ]?(3|4|5|6|9|12)\b/i, /'MSH',\s*\d+/],
  },
];

const STOP_WORDS = new Set([
  'what',
  'happens',
  'change',
  'changes',
  'changed',
  'format',
  'would',
  'which',
  'their',
  'there',
  'these',
  'those',
  'about',
  'where',
  'needs',
  'needed',
  'support',
  'going',
  'system',
]);

/** The topics a change description names; its own longer words when it names none we know. */
export function topicsOf(description: string): ChangeTopic[] {
  const topics = TOPICS.filter((topic) => topic.triggers.test(description)).map(({ name, fields, patterns }) => ({
    name,
    fields,
    patterns,
  }));
  if (topics.length > 0) return topics;
  const words = [
    ...new Set((description.toLowerCase().match(/[a-z][a-z0-9]{4,}/g) ?? []).filter((word) => !STOP_WORDS.has(word))),
  ];
  if (words.length === 0) return [];
  return [
    {
      name: `Words of the change: ${words.slice(0, 6).join(', ')}`,
      fields: [],
      patterns: words.slice(0, 6).map((word) => new RegExp(word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i')),
    },
  ];
}
