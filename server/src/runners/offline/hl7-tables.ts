/**
 * The parts of the HL7 v2 tables the analyser needs to name what it finds: message types with
 * their common trigger events (HL7 table 0003/0076) and segment names.
 */

export const MESSAGE_TYPES: Record<string, string> = {
  ACK: 'General acknowledgement',
  ADT: 'Admit, discharge and transfer',
  BAR: 'Add/change billing account',
  DFT: 'Detailed financial transaction',
  MDM: 'Medical document management',
  MFN: 'Master file notification',
  OML: 'Laboratory order',
  ORL: 'Laboratory order response',
  ORM: 'Order message',
  ORR: 'Order response',
  ORU: 'Unsolicited observation result',
  QBP: 'Query by parameter',
  QRY: 'Query',
  RDE: 'Pharmacy encoded order',
  REF: 'Patient referral',
  RRI: 'Return referral information',
  RSP: 'Query response',
  SIU: 'Scheduling information unsolicited',
  SRM: 'Scheduling request',
  VXU: 'Vaccination record update',
};

export const TRIGGER_EVENTS: Record<string, Record<string, string>> = {
  ADT: {
    A01: 'Admit/visit notification',
    A02: 'Transfer a patient',
    A03: 'Discharge/end visit',
    A04: 'Register a patient',
    A05: 'Pre-admit a patient',
    A06: 'Change an outpatient to an inpatient',
    A07: 'Change an inpatient to an outpatient',
    A08: 'Update patient information',
    A11: 'Cancel admit/visit notification',
    A12: 'Cancel transfer',
    A13: 'Cancel discharge/end visit',
    A21: 'Patient goes on a leave of absence',
    A22: 'Patient returns from a leave of absence',
    A28: 'Add person information',
    A31: 'Update person information',
    A34: 'Merge patient information (patient id only)',
    A38: 'Cancel pre-admit',
    A39: 'Merge person (patient id)',
    A40: 'Merge patient (patient identifier list)',
  },
  ORU: { R01: 'Unsolicited observation result', R30: 'Unsolicited point-of-care observation' },
  ORM: { O01: 'Order message' },
  OML: { O21: 'Laboratory order' },
  ORL: { O22: 'Laboratory order response' },
  ORR: { O02: 'Order response' },
  SIU: {
    S12: 'New appointment booking',
    S13: 'Appointment rescheduling',
    S14: 'Appointment modification',
    S15: 'Appointment cancellation',
    S26: 'Patient did not attend',
  },
  MDM: { T02: 'Original document notification and content', T04: 'Document status change', T11: 'Document cancel' },
  DFT: { P03: 'Post detail financial transaction' },
  BAR: { P01: 'Add patient account', P05: 'Update account' },
  MFN: { M02: 'Staff/practitioner master file' },
  RDE: { O11: 'Pharmacy encoded order' },
  REF: { I12: 'Patient referral' },
  RRI: { I12: 'Return referral information' },
  VXU: { V04: 'Unsolicited vaccination record update' },
  QBP: { Q22: 'Find candidates' },
  RSP: { K22: 'Find candidates response' },
};

export const SEGMENTS: Record<string, string> = {
  MSH: 'Message header',
  EVN: 'Event type',
  PID: 'Patient identification',
  PD1: 'Patient additional demographic',
  NK1: 'Next of kin',
  PV1: 'Patient visit',
  PV2: 'Patient visit - additional information',
  AL1: 'Patient allergy information',
  DG1: 'Diagnosis',
  PR1: 'Procedures',
  GT1: 'Guarantor',
  IN1: 'Insurance',
  MRG: 'Merge patient information',
  ORC: 'Common order',
  OBR: 'Observation request',
  OBX: 'Observation/result',
  NTE: 'Notes and comments',
  SPM: 'Specimen',
  TQ1: 'Timing/quantity',
  TXA: 'Transcription document header',
  SCH: 'Scheduling activity information',
  AIS: 'Appointment information - service',
  AIG: 'Appointment information - general resource',
  AIL: 'Appointment information - location resource',
  AIP: 'Appointment information - personnel resource',
  RXE: 'Pharmacy encoded order',
  RXR: 'Pharmacy route',
  RXA: 'Pharmacy administration',
  FT1: 'Financial transaction',
  MSA: 'Message acknowledgement',
  ERR: 'Error',
  QPD: 'Query parameter definition',
  RCP: 'Response control parameter',
  QAK: 'Query acknowledgement',
  ROL: 'Role',
  MFI: 'Master file identification',
  MFE: 'Master file entry',
  STF: 'Staff identification',
  PRA: 'Practitioner detail',
  RF1: 'Referral information',
};

/** Plain-English name of `ADT^A01`, `ORU`, or a Z-segment-like custom type. */
export function describeMessageType(messageType: string, triggerEvent?: string): string {
  const event = triggerEvent ? TRIGGER_EVENTS[messageType]?.[triggerEvent] : undefined;
  if (event) return event;
  const type = MESSAGE_TYPES[messageType] ?? 'Message type';
  return triggerEvent ? `${type} (event ${triggerEvent})` : type;
}

export function describeSegment(id: string): string {
  return SEGMENTS[id] ?? (id.startsWith('Z') ? 'Custom (Z) segment' : 'Segment');
}

/** The message type a bare trigger event belongs to when it is unambiguous (`A03` → `ADT`). */
export function messageTypeOfEvent(event: string, candidates: Iterable<string>): string | undefined {
  for (const type of candidates) if (TRIGGER_EVENTS[type]?.[event]) return type;
  return undefined;
}
