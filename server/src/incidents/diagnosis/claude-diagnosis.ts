import Anthropic from '@anthropic-ai/sdk';
import { Ajv, type JSONSchemaType } from 'ajv';
import type { IncidentCategory } from '@trustops/contracts';
import { DIAGNOSIS_RULES, diagnoseOffline, subjectFor } from './offline-rules.js';
import type { Diagnosis, EvidenceSet } from './evidence-set.js';

export interface ClaudeDiagnosisOptions {
  apiKey: string;
  baseURL?: string;
  model: string;
  maxRetries: number;
  timeoutMs: number;
}

/** What the model must answer, checked against `DIAGNOSIS_SCHEMA` before it is believed. */
export interface ModelDiagnosis {
  rootCauseId: string;
  rootCause: string;
  explanation: string;
  confidence: number;
  evidenceIds: string[];
}

const ROOT_CAUSE_IDS = [...DIAGNOSIS_RULES.map((rule) => rule.rootCauseId), 'undetermined'];

export const DIAGNOSIS_SCHEMA: JSONSchemaType<ModelDiagnosis> = {
  type: 'object',
  additionalProperties: false,
  required: ['rootCauseId', 'rootCause', 'explanation', 'confidence', 'evidenceIds'],
  properties: {
    rootCauseId: { type: 'string', enum: ROOT_CAUSE_IDS },
    rootCause: { type: 'string', minLength: 5, maxLength: 500 },
    explanation: { type: 'string', minLength: 5, maxLength: 4000 },
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    evidenceIds: { type: 'array', items: { type: 'string' }, maxItems: 100 },
  },
};

const validateDiagnosis = new Ajv({ allErrors: true }).compile(DIAGNOSIS_SCHEMA);

const SYSTEM_PROMPT = `You are an experienced site reliability engineer in an NHS Trust. You diagnose incidents from the evidence gathered by monitoring, alerting, cloud and ticketing tools.
Answer with one JSON object and nothing else, matching this JSON Schema:
${JSON.stringify(DIAGNOSIS_SCHEMA)}
rootCauseId is one of: ${ROOT_CAUSE_IDS.join(', ')} ("undetermined" when the evidence does not show the cause).
evidenceIds lists the ids of the evidence items your conclusion rests on, exactly as given.
Write rootCause and explanation in plain English for a non-technical reader.`;

/** The outcome of asking the model, with why the offline result was used instead when it was. */
export interface ClaudeDiagnosisResult {
  diagnosis: Diagnosis;
  engine: 'claude' | 'offline';
  fallbackReason: string | null;
}

/** Keeps the prompt small: every item, but long data cut. */
function describeEvidence(evidence: EvidenceSet): string {
  return evidence.items
    .map((item) => {
      const data = JSON.stringify(item.data);
      return `- id ${item.id} [${item.kind} from ${item.source}] ${item.title}\n  ${data.length > 1500 ? `${data.slice(0, 1500)}…` : data}`;
    })
    .join('\n');
}

/** The model's reply text as JSON: the whole text, or the first {...} block in it (models sometimes add a sentence). */
function parseReply(text: string): unknown {
  const trimmed = text.trim().replace(/^```(?:json)?\s*|\s*```$/g, '');
  try {
    return JSON.parse(trimmed);
  } catch {
    const start = trimmed.indexOf('{');
    const end = trimmed.lastIndexOf('}');
    if (start < 0 || end <= start) throw new Error('the reply holds no JSON object');
    return JSON.parse(trimmed.slice(start, end + 1));
  }
}

/**
 * The `claude` engine: sends the report and the evidence to the Messages API and asks for a
 * structured diagnosis, validated against `DIAGNOSIS_SCHEMA`. Anything unusable — an API error,
 * text that is not JSON, JSON that breaks the schema, evidence ids that do not exist — falls
 * back to the offline rules, and says why.
 */
export class ClaudeDiagnosisEngine {
  private readonly client: Anthropic;

  constructor(private readonly options: ClaudeDiagnosisOptions) {
    this.client = new Anthropic({
      apiKey: options.apiKey,
      baseURL: options.baseURL ?? null,
      maxRetries: options.maxRetries,
      timeout: options.timeoutMs,
    });
  }

  async diagnose(report: string, evidence: EvidenceSet, signal?: AbortSignal): Promise<ClaudeDiagnosisResult> {
    const offline = diagnoseOffline(evidence);
    const fallback = (reason: string): ClaudeDiagnosisResult => ({
      diagnosis: offline,
      engine: 'offline',
      fallbackReason: reason,
    });
    let text: string;
    try {
      const message = await this.client.messages.create(
        {
          model: this.options.model,
          max_tokens: 2048,
          system: SYSTEM_PROMPT,
          messages: [
            { role: 'user', content: `The report: "${report}"\n\nThe evidence:\n${describeEvidence(evidence)}` },
          ],
        },
        { signal },
      );
      text = message.content.map((block) => (block.type === 'text' ? block.text : '')).join('');
    } catch (error) {
      return fallback(
        `Claude could not be asked (${error instanceof Error ? error.message.slice(0, 200) : 'unknown error'}).`,
      );
    }
    let parsed: unknown;
    try {
      parsed = parseReply(text);
    } catch {
      return fallback('Claude’s answer was not valid JSON.');
    }
    if (!validateDiagnosis(parsed)) {
      const problems = (validateDiagnosis.errors ?? [])
        .map((error) => `${error.instancePath || 'answer'} ${error.message ?? ''}`)
        .join('; ');
      return fallback(`Claude’s answer did not match the diagnosis schema (${problems}).`);
    }
    const known = new Set(evidence.items.map((item) => item.id));
    const evidenceIds = parsed.evidenceIds.filter((id) => known.has(id));
    if (parsed.evidenceIds.length > 0 && evidenceIds.length === 0) {
      return fallback('Claude’s answer cited evidence that was never gathered.');
    }
    const category: IncidentCategory =
      DIAGNOSIS_RULES.find((rule) => rule.rootCauseId === parsed.rootCauseId)?.category ?? 'unknown';
    return {
      engine: 'claude',
      fallbackReason: null,
      diagnosis: {
        rootCauseId: parsed.rootCauseId,
        rootCause: parsed.rootCause,
        explanation: parsed.explanation,
        confidence: parsed.confidence,
        evidenceIds,
        category,
        subject: subjectFor(parsed.rootCauseId, evidence),
      },
    };
  }
}
