import type { IntegrationName } from '@trustops/contracts';
import type { AppConfig } from '../../../platform/config/app-config.js';
import type { ProvidersByName } from '../providers.js';
import { AwsProvider } from './aws-provider.js';
import { DatadogProvider } from './datadog-provider.js';
import { JiraProvider } from './jira-provider.js';
import type { LiveHttpOptions } from './live-http.js';
import { PagerDutyProvider } from './pagerduty-provider.js';
import { ServiceNowProvider } from './servicenow-provider.js';
import { SlackProvider } from './slack-provider.js';

/** The shared patience of every live client, from INTEGRATION_HTTP_*. */
export function liveHttpOptions(config: AppConfig): LiveHttpOptions {
  return {
    timeoutMs: config.env.INTEGRATION_HTTP_TIMEOUT_SECONDS * 1000,
    maxAttempts: config.env.INTEGRATION_HTTP_MAX_ATTEMPTS,
    maxRetryWaitMs: config.env.INTEGRATION_HTTP_RETRY_MAX_WAIT_SECONDS * 1000,
  };
}

/**
 * How to build each integration's live client from the configuration; `IntegrationRegistry`
 * registers these. A client with missing settings still builds: its health says
 * `not_configured` and names the variables, and its calls fail with the same sentence.
 */
export const LIVE_PROVIDER_FACTORIES: { [Name in IntegrationName]: (config: AppConfig) => ProvidersByName[Name] } = {
  servicenow: (config) =>
    new ServiceNowProvider(
      {
        url: config.env.SERVICENOW_URL,
        username: config.env.SERVICENOW_USERNAME,
        password: config.env.SERVICENOW_PASSWORD,
        oauthToken: config.env.SERVICENOW_OAUTH_TOKEN,
      },
      liveHttpOptions(config),
    ),
  jira: (config) =>
    new JiraProvider(
      {
        url: config.env.JIRA_URL,
        email: config.env.JIRA_EMAIL,
        apiToken: config.env.JIRA_API_TOKEN,
        projectKey: config.env.JIRA_PROJECT_KEY,
        issueType: config.env.JIRA_ISSUE_TYPE,
      },
      liveHttpOptions(config),
    ),
  datadog: (config) =>
    new DatadogProvider(
      { url: config.env.DATADOG_URL, apiKey: config.env.DATADOG_API_KEY, appKey: config.env.DATADOG_APP_KEY },
      liveHttpOptions(config),
    ),
  pagerduty: (config) =>
    new PagerDutyProvider(
      {
        url: config.env.PAGERDUTY_URL,
        apiToken: config.env.PAGERDUTY_API_TOKEN,
        fromEmail: config.env.PAGERDUTY_FROM_EMAIL,
      },
      liveHttpOptions(config),
    ),
  aws: (config) =>
    new AwsProvider(
      {
        region: config.env.AWS_REGION,
        endpointUrl: config.env.AWS_ENDPOINT_URL,
        accessKeyId: config.env.AWS_ACCESS_KEY_ID,
        secretAccessKey: config.env.AWS_SECRET_ACCESS_KEY,
        sessionToken: config.env.AWS_SESSION_TOKEN,
        ecsCluster: config.env.AWS_ECS_CLUSTER,
      },
      liveHttpOptions(config),
    ),
  slack: (config) =>
    new SlackProvider({ url: config.env.SLACK_API_URL, botToken: config.env.SLACK_BOT_TOKEN }, liveHttpOptions(config)),
};
