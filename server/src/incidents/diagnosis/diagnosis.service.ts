import { Injectable } from '@nestjs/common';
import type { DiagnosisEngine } from '@trustops/contracts';
import { AppConfig } from '../../platform/config/app-config.js';
import { ClaudeDiagnosisEngine, type ClaudeDiagnosisResult } from './claude-diagnosis.js';
import { diagnoseOffline } from './offline-rules.js';
import type { EvidenceSet } from './evidence-set.js';

/**
 * Chooses the diagnosis engine from configuration (`INCIDENT_DIAGNOSIS_ENGINE`; `auto` means
 * claude when `ANTHROPIC_API_KEY` is set) and runs it.
 */
@Injectable()
export class DiagnosisService {
  private claude: ClaudeDiagnosisEngine | undefined;

  constructor(private readonly config: AppConfig) {}

  /** The engine new incidents use. */
  get engine(): DiagnosisEngine {
    const wanted = this.config.env.INCIDENT_DIAGNOSIS_ENGINE;
    if (wanted === 'offline') return 'offline';
    return this.config.env.ANTHROPIC_API_KEY ? 'claude' : 'offline';
  }

  async diagnose(
    engine: DiagnosisEngine,
    report: string,
    evidence: EvidenceSet,
    signal?: AbortSignal,
  ): Promise<ClaudeDiagnosisResult> {
    const apiKey = this.config.env.ANTHROPIC_API_KEY;
    if (engine === 'offline' || !apiKey) {
      return {
        diagnosis: diagnoseOffline(evidence),
        engine: 'offline',
        fallbackReason: engine === 'claude' ? 'No Anthropic API key is configured.' : null,
      };
    }
    this.claude ??= new ClaudeDiagnosisEngine({
      apiKey,
      baseURL: this.config.env.ANTHROPIC_BASE_URL,
      model: this.config.env.ANTHROPIC_MODEL,
      maxRetries: this.config.env.ANTHROPIC_MAX_RETRIES,
      timeoutMs: 60_000,
    });
    return this.claude.diagnose(report, evidence, signal);
  }
}
