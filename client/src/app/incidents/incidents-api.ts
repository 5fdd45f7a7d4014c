import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  AddEvidenceRequest,
  CreateIncidentRequest,
  IncidentDetail,
  IncidentListResponse,
  IntegrationMode,
  IntegrationName,
  IntegrationStatusView,
  ScenarioResponse,
  SetIntegrationModeRequest,
  SetScenarioRequest,
} from '@trustops/contracts';
import { firstValueFrom } from 'rxjs';

export const INCIDENTS_URL = '/api/incidents';
export const INCIDENT_INTEGRATIONS_URL = `${INCIDENTS_URL}/integrations`;
export const INCIDENT_SCENARIO_URL = `${INCIDENTS_URL}/scenario`;
export const integrationModeUrl = (name: IntegrationName): string => `${INCIDENT_INTEGRATIONS_URL}/${name}/mode`;
export const incidentUrl = (incidentId: string): string => `${INCIDENTS_URL}/${encodeURIComponent(incidentId)}`;
/** The post-incident summary as a Markdown file (the server names the download). */
export const incidentSummaryUrl = (incidentId: string): string => `${incidentUrl(incidentId)}/summary`;

/** The incidents API's requests that change something, and the reads the live pages repeat. */
@Injectable({ providedIn: 'root' })
export class IncidentsApi {
  private readonly http = inject(HttpClient);

  list(): Promise<IncidentListResponse> {
    return firstValueFrom(this.http.get<IncidentListResponse>(INCIDENTS_URL));
  }

  get(incidentId: string): Promise<IncidentDetail> {
    return firstValueFrom(this.http.get<IncidentDetail>(incidentUrl(incidentId)));
  }

  report(description: string): Promise<IncidentDetail> {
    const body: CreateIncidentRequest = { description };
    return firstValueFrom(this.http.post<IncidentDetail>(INCIDENTS_URL, body));
  }

  addNote(incidentId: string, note: string): Promise<IncidentDetail> {
    const body: AddEvidenceRequest = { note };
    return firstValueFrom(this.http.post<IncidentDetail>(`${incidentUrl(incidentId)}/evidence`, body));
  }

  rediagnose(incidentId: string): Promise<IncidentDetail> {
    return firstValueFrom(this.http.post<IncidentDetail>(`${incidentUrl(incidentId)}/rediagnose`, {}));
  }

  /** `null` goes back to the mode the server's configuration gives the integration. */
  setIntegrationMode(name: IntegrationName, mode: IntegrationMode | null): Promise<IntegrationStatusView> {
    const body: SetIntegrationModeRequest = { mode };
    return firstValueFrom(this.http.put<IntegrationStatusView>(integrationModeUrl(name), body));
  }

  selectScenario(scenario: string): Promise<ScenarioResponse> {
    const body: SetScenarioRequest = { scenario };
    return firstValueFrom(this.http.put<ScenarioResponse>(INCIDENT_SCENARIO_URL, body));
  }
}
