/**
 * What the offline analyser finds in an integration codebase. Everything is derived from the
 * files themselves (no network, no model), and the same files always give the same analysis, so
 * tests and documents can rely on it.
 *
 * Paths are relative to the workspace root and use `/`; line numbers start at 1.
 */

/** Where something was seen. */
export interface Evidence {
  file: string;
  line: number;
  /** The line, trimmed and cut to 160 characters. */
  excerpt: string;
}

/** An HL7 v2 message type with its trigger event, e.g. `ADT^A01`. */
export interface MessageTypeFinding {
  /** `ADT^A01`; `ORU^R01`; a bare `ADT` when only the message type was seen. */
  code: string;
  messageType: string;
  triggerEvent?: string;
  /** Plain-English name from the HL7 v2 tables ("Admit/visit notification"). */
  description: string;
  /** Files that handle, route, map or contain samples of it. */
  files: string[];
  evidence: Evidence[];
}

/** An HL7 v2 segment used by the code or present in sample messages. */
export interface SegmentFinding {
  /** `PID`, `OBX`, `ZPI` ... */
  id: string;
  name: string;
  /** Field references seen in code, e.g. `PID-3`, `PID-5`, `OBX-5`; sorted by field number. */
  fields: string[];
  files: string[];
  /** Seen in a sample message (a line starting `PID|`). */
  inSamples: boolean;
}

export type EndpointKind = 'mllp' | 'http' | 'file' | 'queue' | 'mesh' | 'database' | 'smtp' | 'tcp';
export type EndpointDirection = 'inbound' | 'outbound' | 'unknown';

/** A way messages enter or leave the integration. */
export interface EndpointFinding {
  /** Stable id, e.g. `mllp-2575`, `http-post-/api/adt`, `file-/data/gp-discharge/outbox`. */
  id: string;
  kind: EndpointKind;
  direction: EndpointDirection;
  /** What to show: `MLLP :2575`, `POST https://epr.example.nhs.uk/api/encounters`, `/data/mesh/outbox`. */
  address: string;
  /** The name the code gives it (a config key such as `destinations.pas`), when there is one. */
  name?: string;
  port?: number;
  /** Message types routed to or received on this endpoint, when the code says. */
  messageTypes: string[];
  evidence: Evidence[];
}

export type ComponentRole =
  | 'listener'
  | 'parser'
  | 'validator'
  | 'mapper'
  | 'router'
  | 'sender'
  | 'acknowledgement'
  | 'handler'
  | 'configuration'
  | 'sample'
  | 'test'
  | 'documentation'
  | 'entrypoint'
  | 'other';

/** A function (or channel, or class) that handles some message types. */
export interface HandlerFinding {
  name: string;
  file: string;
  line: number;
  role: ComponentRole;
  messageTypes: string[];
}

/** One source field mapped to one target field, e.g. `PID-3` → `identifier`. */
export interface FieldMapping {
  from: string;
  to: string;
  line: number;
}

/** Code that turns a message into another shape (FHIR resource, downstream format). */
export interface TransformationFinding {
  name: string;
  file: string;
  line: number;
  /** What goes in: `HL7 v2 ADT^A01` or `HL7 v2`. */
  from: string;
  /** What comes out: `FHIR Patient`, `FHIR Encounter`, `CSV`, `JSON` ... */
  to: string[];
  messageTypes: string[];
  fieldMappings: FieldMapping[];
}

/** A file (or a channel in an export) that plays a part in the integration. */
export interface ComponentFinding {
  /** Stable id usable in Mermaid (letters, digits, underscores). */
  id: string;
  name: string;
  file: string;
  roles: ComponentRole[];
  language: string;
  messageTypes: string[];
  /** Ids of endpoints the component defines or uses. */
  endpoints: string[];
  /** One sentence saying what it does. */
  summary: string;
  /** For a part of a Mirth Connect channel: the channel's name. */
  channel?: string;
}

/** How one message type travels: from where it arrives, through which components, to where it goes. */
export interface MessageFlow {
  messageType: string;
  /** Endpoint ids it arrives on. */
  sources: string[];
  /** Component ids in processing order (listener → parser → validator → mapper → router → sender). */
  components: string[];
  /** Endpoint ids it is delivered to. */
  destinations: string[];
}

export interface AnalysisSummary {
  filesSeen: number;
  filesAnalysed: number;
  /** Files skipped (binary, too large, or past the file limit). */
  filesSkipped: number;
  languages: Record<string, number>;
}

export interface IntegrationAnalysis {
  /** A title for documents: the workspace name or the root folder's name. */
  title: string;
  summary: AnalysisSummary;
  messageTypes: MessageTypeFinding[];
  segments: SegmentFinding[];
  endpoints: EndpointFinding[];
  handlers: HandlerFinding[];
  transformations: TransformationFinding[];
  components: ComponentFinding[];
  flows: MessageFlow[];
  /** Mermaid `flowchart LR` source of the message flows. */
  diagram: string;
  /** A Markdown document: overview, inventory, endpoints, flows (with the diagram), mappings. */
  markdown: string;
  /** Things the analyser could not do, in plain words (files skipped, limits reached). */
  warnings: string[];
}

/** A file the analyser may read, given by a lister (e.g. the workspaces' confined file lister). */
export interface AnalysableFile {
  /** Relative to the root, with `/`. */
  path: string;
  size: number;
}

export interface AnalyseOptions {
  /** Title for the documents; defaults to the root folder's name. */
  title?: string;
  /** At most this many files are read (default 2,000). */
  maxFiles?: number;
  /** Files larger than this are skipped (default 512 KiB). */
  maxFileBytes?: number;
  /** Only analyse paths under these relative folders (default: everything). */
  include?: string[];
  /** Stops the walk early. */
  signal?: AbortSignal;
}
