import type {
  CloudActionResult,
  Deployment,
  Host,
  HostHealth,
  HostProcess,
  IntegrationHealth,
} from '@trustops/contracts';
import {
  IntegrationError,
  type CloudActionRequests,
  type CloudProvider,
  type IntegrationCall,
  type TimeWindow,
} from '../providers.js';
import { signRequest, type AwsCredentials } from './aws-signature.js';
import { find, findDeep, itemsAt, parseXml, textAt, type XmlElement } from './aws-xml.js';
import {
  collectPages,
  DEFAULT_LIVE_HTTP_OPTIONS,
  LiveHttpClient,
  notConfigured,
  probeHealth,
  requireConfigured,
  type LiveHttpOptions,
  type LiveResponse,
} from './live-http.js';

export interface AwsSettings {
  region: string;
  /** One address for every service (LocalStack, tests); otherwise each service's regional endpoint. */
  endpointUrl?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  sessionToken?: string;
  pageSize?: number;
  /** Wait between two looks at a running SSM command, and the longest wait for one to finish. */
  commandPollMs?: number;
  commandTimeoutMs?: number;
  /** The ECS cluster of services CodeDeploy does not deploy: rolled back by task definition. */
  ecsCluster?: string;
}

type AwsService = 'ec2' | 'ssm' | 'autoscaling' | 'cloudfront' | 'codedeploy' | 'ecs' | 'sts';

/** Codes AWS uses for a refused credential (on 400, 401 or 403, depending on the service). */
const CREDENTIAL_ERRORS = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'IncompleteSignature',
  'MissingAuthenticationToken',
  'InvalidAccessKeyId',
  'InvalidSignatureException',
  'ExpiredToken',
  'ExpiredTokenException',
]);
const PERMISSION_ERRORS = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);
/** AWS throttles with these codes, usually on a 400 rather than a 429. */
const THROTTLING_ERRORS = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
]);

/** The error code of an AWS answer, XML (`<Code>`) or JSON (`__type`, possibly namespaced). */
function errorCode(response: LiveResponse): string | undefined {
  const json = response.json as { __type?: string; code?: string } | undefined;
  if (json) return (json.__type ?? json.code)?.split('#').pop();
  return response.text.startsWith('<') ? textAt(findDeep(parseXml(response.text), 'Error'), 'Code') : undefined;
}

function errorMessage(response: LiveResponse): string | undefined {
  const json = response.json as { message?: string; Message?: string } | undefined;
  const message = json
    ? (json.message ?? json.Message)
    : response.text.startsWith('<')
      ? textAt(findDeep(parseXml(response.text), 'Error'), 'Message')
      : undefined;
  const code = errorCode(response);
  return [code, message].filter(Boolean).join(': ') || undefined;
}

interface DeploymentInfo {
  deploymentId: string;
  applicationName: string;
  deploymentGroupName: string;
  status: string;
  createTime: number;
  description?: string;
  revision?: Revision;
  previousRevision?: Revision;
  deploymentOverview?: Record<string, number>;
  rollbackInfo?: { rollbackDeploymentId?: string; rollbackTriggeringDeploymentId?: string };
}

interface CommandInvocation {
  Status: string;
  StandardOutputContent?: string;
  StandardErrorContent?: string;
}

interface Revision {
  revisionType?: string;
  s3Location?: { bucket: string; key: string; bundleType?: string };
  gitHubLocation?: { repository: string; commitId: string };
}

/** The version a CodeDeploy revision carries: the bundle's file name (`checkout/v3.1.0.zip` → `v3.1.0`) or the commit. */
export function versionOf(revision: Revision | undefined): string | null {
  if (revision?.s3Location) {
    return (revision.s3Location.key.split('/').pop() ?? '').replace(/\.(zip|tar|tgz|tar\.gz|yaml|json)$/, '');
  }
  if (revision?.gitHubLocation) return revision.gitHubLocation.commitId.slice(0, 12);
  return null;
}

/** Systemd unit names only: they reach a shell on the host. */
const UNIT_NAME = /^[A-Za-z0-9@._-]{1,128}$/;

/** `ps -eo pid=,stat=,pcpu=,rss=,etimes=,comm=` lines → processes. */
export function processesOf(output: string): HostProcess[] {
  return output
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => fields.length >= 6 && /^\d+$/.test(fields[0]))
    .map(([pid, stat, cpu, rssKb, seconds, ...name]) => ({
      name: name.join(' '),
      pid: Number(pid),
      status: stat.startsWith('Z')
        ? 'crashed'
        : stat.startsWith('T')
          ? 'stopped'
          : stat.startsWith('D')
            ? 'hung'
            : 'running',
      cpuPercent: Number(cpu),
      memoryMb: Math.round(Number(rssKb) / 1024),
      uptimeMinutes: Math.floor(Number(seconds) / 60),
    }));
}

const PS_COMMAND = 'ps -eo pid=,stat=,pcpu=,rss=,etimes=,comm= --sort=-pcpu | head -n 25';

/**
 * AWS through its public APIs, signed with SigV4: EC2 (DescribeInstances, DescribeInstanceStatus,
 * Query API), SSM (SendCommand / GetCommandInvocation: process lists and service restarts),
 * Auto Scaling (SetDesiredCapacity), CloudFront (CreateInvalidation, idempotent by
 * CallerReference), CodeDeploy (deployments and roll-back by redeploying the earlier revision),
 * STS (GetCallerIdentity, the health check). Hosts are found by their `Name` tag or instance id;
 * a queue's consumers by the `Queue` tag.
 */
export class AwsProvider implements CloudProvider {
  readonly name = 'aws' as const;
  readonly kind = 'cloud' as const;
  readonly mode = 'live' as const;
  readonly missing: string | null;
  private readonly clients = new Map<AwsService, LiveHttpClient>();
  private readonly credentials: AwsCredentials;
  private readonly pageSize: number;

  constructor(
    private readonly settings: AwsSettings,
    private readonly options: LiveHttpOptions = DEFAULT_LIVE_HTTP_OPTIONS,
  ) {
    this.missing =
      settings.accessKeyId && settings.secretAccessKey
        ? null
        : notConfigured('aws', 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    this.credentials = {
      accessKeyId: settings.accessKeyId ?? '',
      secretAccessKey: settings.secretAccessKey ?? '',
      sessionToken: settings.sessionToken,
    };
    this.pageSize = settings.pageSize ?? 100;
  }

  health(call: IntegrationCall): Promise<IntegrationHealth> {
    return probeHealth('aws', this.missing, async () => {
      await this.query(call, 'sts', '2011-06-15', 'GetCallerIdentity', {});
    });
  }

  async listInstances(call: IntegrationCall, filter: { role?: string; name?: string } = {}): Promise<Host[]> {
    requireConfigured('aws', this.missing);
    const filters: Record<string, string> = {};
    let index = 0;
    for (const [tag, value] of [
      ['Role', filter.role],
      ['Name', filter.name],
    ] as const) {
      if (!value) continue;
      index++;
      filters[`Filter.${index}.Name`] = `tag:${tag}`;
      filters[`Filter.${index}.Value.1`] = value;
    }
    return this.describeInstances(call, filters);
  }

  async hostHealth(call: IntegrationCall, host: string): Promise<HostHealth> {
    const instance = await this.instance(call, host);
    const checks: HostHealth['checks'] = [];
    const status = await this.query(call, 'ec2', '2016-11-15', 'DescribeInstanceStatus', {
      'InstanceId.1': instance.id,
      IncludeAllInstances: 'true',
    });
    const [item] = itemsAt(findDeep(status, 'DescribeInstanceStatusResponse'), 'instanceStatusSet');
    for (const [name, label] of [
      ['systemStatus', 'EC2 system status'],
      ['instanceStatus', 'EC2 instance status'],
    ] as const) {
      const value = textAt(item, name, 'status') ?? 'not-applicable';
      checks.push({ name: label, passing: value === 'ok', detail: value });
    }
    let processes: HostProcess[] = [];
    if (instance.status === 'running') {
      try {
        processes = processesOf(await this.runCommand(call, [instance.id], PS_COMMAND, 'TrustOps process list'));
        checks.push({ name: 'SSM agent', passing: true, detail: 'answered' });
      } catch (error) {
        if (!(error instanceof IntegrationError) || error.status === 401 || error.status === 403) throw error;
        checks.push({ name: 'SSM agent', passing: false, detail: error.message });
      }
    }
    return {
      host: instance.name,
      status: instance.status !== 'running' ? 'down' : checks.every((check) => check.passing) ? 'healthy' : 'degraded',
      checks,
      processes,
    };
  }

  async listDeployments(call: IntegrationCall, filter: { service?: string } & TimeWindow = {}): Promise<Deployment[]> {
    requireConfigured('aws', this.missing);
    // `cdn` is CloudFront's: its configuration changes are deployments too (a bad CDN rule is a release).
    const infos = filter.service === 'cdn' ? [] : await this.deploymentInfos(call, filter);
    const deployments: Deployment[] = [];
    if (!filter.service || filter.service === 'cdn') deployments.push(...(await this.cdnChanges(call, filter)));
    for (const info of infos) {
      const status = this.statusOf(info);
      let updatedHosts: string[] = [];
      let pendingHosts: string[] = [];
      // Which hosts run what matters only for a rollout that did not finish cleanly.
      if (status === 'partial' || status === 'failed' || status === 'in_progress') {
        updatedHosts = await this.deploymentHosts(call, info.deploymentId, ['Succeeded']);
        pendingHosts = await this.deploymentHosts(call, info.deploymentId, [
          'Pending',
          'InProgress',
          'Failed',
          'Skipped',
          'Ready',
        ]);
      }
      deployments.push({
        id: info.deploymentId,
        service: info.applicationName,
        version: versionOf(info.revision) ?? info.deploymentId,
        previousVersion: versionOf(info.previousRevision),
        status,
        startedAt: new Date(info.createTime * 1000).toISOString(),
        updatedHosts,
        pendingHosts,
        changeType: 'application',
        description: info.description ?? '',
      });
    }
    return deployments.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  async restartService(
    call: IntegrationCall,
    request: CloudActionRequests['restartService'],
    idempotencyKey: string,
  ): Promise<CloudActionResult> {
    const instance = await this.instance(call, request.host);
    const unit = this.unit(request.service);
    const commandId = await this.sendCommand(
      call,
      [instance.id],
      `systemctl restart ${unit}`,
      `TrustOps ${idempotencyKey}`,
    );
    await this.waitForCommand(call, commandId, instance.id);
    return this.result(
      'restartService',
      `${instance.name}/${unit}`,
      commandId,
      `Restarted ${unit} on ${instance.name}.`,
    );
  }

  async scalePool(
    call: IntegrationCall,
    request: CloudActionRequests['scalePool'],
    _idempotencyKey: string,
  ): Promise<CloudActionResult> {
    requireConfigured('aws', this.missing);
    if (!Number.isInteger(request.size) || request.size < 0 || request.size > 1000) {
      throw new IntegrationError(
        'aws',
        `A pool size must be a whole number from 0 to 1000 (got ${request.size}).`,
        false,
        400,
      );
    }
    // Setting a desired capacity is idempotent by nature: a repeat sets the same number.
    const answer = await this.query(call, 'autoscaling', '2011-01-01', 'SetDesiredCapacity', {
      AutoScalingGroupName: request.pool,
      DesiredCapacity: String(request.size),
      HonorCooldown: 'false',
    });
    const reference = textAt(findDeep(answer, 'ResponseMetadata'), 'RequestId') ?? '';
    return this.result(
      'scalePool',
      request.pool,
      reference,
      `Set the Auto Scaling group ${request.pool} to ${request.size} instances.`,
    );
  }

  async rollbackDeployment(
    call: IntegrationCall,
    request: CloudActionRequests['rollbackDeployment'],
    idempotencyKey: string,
  ): Promise<CloudActionResult> {
    requireConfigured('aws', this.missing);
    const marker = `(TrustOps ${idempotencyKey})`;
    const infos = await this.deploymentInfos(call, {
      service: request.service,
      from: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    });
    const already = infos.find((info) => info.description?.includes(marker));
    const message = `Rolled ${request.service} back to ${request.toVersion}.`;
    if (already) return this.result('rollbackDeployment', request.service, already.deploymentId, message);
    const target = infos.find((info) => info.status === 'Succeeded' && versionOf(info.revision) === request.toVersion);
    if (!target?.revision && infos.length === 0 && this.settings.ecsCluster) {
      return this.rollbackEcsService(call, this.settings.ecsCluster, request);
    }
    if (!target?.revision) {
      throw new IntegrationError(
        'aws',
        `CodeDeploy has no successful deployment of ${request.service} at version ${request.toVersion} in the last 30 days to roll back to.`,
        false,
        404,
      );
    }
    const created = await this.json<{ deploymentId: string }>(
      call,
      'codedeploy',
      'CodeDeploy_20141006.CreateDeployment',
      {
        applicationName: target.applicationName,
        deploymentGroupName: target.deploymentGroupName,
        revision: target.revision,
        description: `Roll back to ${request.toVersion} ${marker}`,
      },
    );
    return this.result('rollbackDeployment', request.service, created.deploymentId, message);
  }

  /**
   * ECS: points the service back at the newest task definition of its family whose image is tagged
   * `toVersion`. Idempotent by nature: a service already on that task definition is left alone.
   */
  private async rollbackEcsService(
    call: IntegrationCall,
    cluster: string,
    request: CloudActionRequests['rollbackDeployment'],
  ): Promise<CloudActionResult> {
    const ecs = <T>(action: string, body: object) =>
      this.json<T>(call, 'ecs', `AmazonEC2ContainerServiceV20141113.${action}`, body);
    const described = await ecs<{ services: Array<{ taskDefinition: string }> }>('DescribeServices', {
      cluster,
      services: [request.service],
    });
    const current = described.services[0]?.taskDefinition;
    if (!current) {
      throw new IntegrationError(
        'aws',
        `Neither CodeDeploy nor ECS cluster ${cluster} has a service ${request.service}.`,
        false,
        404,
      );
    }
    const family = (current.split('/').pop() ?? '').replace(/:\d+$/, '');
    const revisions = await collectPages<string, string>(async (nextToken) => {
      const page = await ecs<{ taskDefinitionArns: string[]; nextToken?: string }>('ListTaskDefinitions', {
        familyPrefix: family,
        sort: 'DESC',
        ...(nextToken ? { nextToken } : {}),
      });
      return { items: page.taskDefinitionArns, next: page.nextToken || undefined };
    }, 20);
    let chosen: string | undefined;
    for (const arn of revisions) {
      const { taskDefinition } = await ecs<{ taskDefinition: { containerDefinitions: Array<{ image: string }> } }>(
        'DescribeTaskDefinition',
        { taskDefinition: arn },
      );
      if (taskDefinition.containerDefinitions.some((container) => container.image.endsWith(`:${request.toVersion}`))) {
        chosen = arn;
        break;
      }
    }
    if (!chosen) {
      throw new IntegrationError(
        'aws',
        `ECS has no recent task definition of ${request.service} running version ${request.toVersion} to roll back to.`,
        false,
        404,
      );
    }
    const message = `Rolled ${request.service} back to ${request.toVersion}.`;
    if (chosen === current) return this.result('rollbackDeployment', request.service, chosen, message);
    await ecs('UpdateService', { cluster, service: request.service, taskDefinition: chosen });
    return this.result('rollbackDeployment', request.service, chosen, message);
  }

  async purgeCdnCache(
    call: IntegrationCall,
    request: CloudActionRequests['purgeCdnCache'],
    idempotencyKey: string,
  ): Promise<CloudActionResult> {
    requireConfigured('aws', this.missing);
    const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    // CallerReference makes CloudFront answer a repeat with the invalidation it already made.
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>' +
      '<InvalidationBatch xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">' +
      `<Paths><Quantity>${request.paths.length}</Quantity><Items>${request.paths.map((path) => `<Path>${escape(path)}</Path>`).join('')}</Items></Paths>` +
      `<CallerReference>${escape(idempotencyKey)}</CallerReference></InvalidationBatch>`;
    const response = await this.client('cloudfront').send(call, {
      method: 'POST',
      path: `/2020-05-31/distribution/${encodeURIComponent(request.distribution)}/invalidation`,
      headers: { 'content-type': 'application/xml', accept: 'application/xml' },
      body,
      notFound: `CloudFront has no distribution ${request.distribution}.`,
    });
    const id = textAt(findDeep(parseXml(response.text), 'Invalidation'), 'Id') ?? '';
    return this.result(
      'purgeCdnCache',
      request.distribution,
      id,
      `Asked CloudFront to purge ${request.paths.join(', ')} on ${request.distribution}.`,
    );
  }

  async drainQueue(
    call: IntegrationCall,
    request: CloudActionRequests['drainQueue'],
    idempotencyKey: string,
  ): Promise<CloudActionResult> {
    requireConfigured('aws', this.missing);
    const unit = this.unit(request.consumer);
    // The queue drains by itself once its consumer reads again: restart the consumer where it runs.
    const hosts = await this.describeInstances(call, {
      'Filter.1.Name': 'tag:Queue',
      'Filter.1.Value.1': request.queue,
    });
    const running = hosts.filter((host) => host.status === 'running');
    if (running.length === 0) {
      throw new IntegrationError(
        'aws',
        `No running instance is tagged Queue=${request.queue}, so there is no consumer to restart.`,
        false,
        404,
      );
    }
    const ids = running.map((host) => host.id);
    const commandId = await this.sendCommand(call, ids, `systemctl restart ${unit}`, `TrustOps ${idempotencyKey}`);
    for (const id of ids) await this.waitForCommand(call, commandId, id);
    return this.result(
      'drainQueue',
      request.queue,
      commandId,
      `Restarted ${unit} on ${running.map((host) => host.name).join(', ')} so that ${request.queue} drains.`,
    );
  }

  // ---- EC2 --------------------------------------------------------------------------------

  private async describeInstances(call: IntegrationCall, filters: Record<string, string>): Promise<Host[]> {
    const reservations = await collectPages<XmlElement, string>(async (nextToken) => {
      const answer = await this.query(call, 'ec2', '2016-11-15', 'DescribeInstances', {
        ...filters,
        MaxResults: String(Math.max(5, this.pageSize)),
        ...(nextToken ? { NextToken: nextToken } : {}),
      });
      const response = findDeep(answer, 'DescribeInstancesResponse');
      return { items: itemsAt(response, 'reservationSet'), next: textAt(response, 'nextToken') || undefined };
    });
    return reservations
      .flatMap((reservation) => itemsAt(reservation, 'instancesSet'))
      .map((instance) => {
        const tags = new Map(
          itemsAt(instance, 'tagSet').map((tag) => [textAt(tag, 'key') ?? '', textAt(tag, 'value') ?? '']),
        );
        const id = textAt(instance, 'instanceId') ?? '';
        const state = textAt(instance, 'instanceState', 'name') ?? 'unknown';
        return {
          id,
          name: tags.get('Name') ?? id,
          role: tags.get('Role') ?? '',
          status: state === 'running' ? 'running' : state === 'pending' ? 'unreachable' : 'stopped',
          zone: textAt(instance, 'placement', 'availabilityZone') ?? '',
          version: tags.get('Version') ?? null,
        };
      });
  }

  /** One instance by `Name` tag or instance id. */
  private async instance(call: IntegrationCall, host: string): Promise<Host> {
    requireConfigured('aws', this.missing);
    const filters: Record<string, string> = /^i-[0-9a-f]+$/.test(host)
      ? { 'InstanceId.1': host }
      : { 'Filter.1.Name': 'tag:Name', 'Filter.1.Value.1': host };
    const [found] = await this.describeInstances(call, filters);
    if (!found)
      throw new IntegrationError('aws', `EC2 has no instance called ${host} in ${this.settings.region}.`, false, 404);
    return found;
  }

  // ---- SSM --------------------------------------------------------------------------------

  private unit(name: string): string {
    if (!UNIT_NAME.test(name))
      throw new IntegrationError('aws', `"${name}" is not a service name TrustOps can restart.`, false, 400);
    return name;
  }

  private async sendCommand(
    call: IntegrationCall,
    instanceIds: string[],
    command: string,
    comment: string,
  ): Promise<string> {
    const { Command } = await this.json<{ Command: { CommandId: string } }>(call, 'ssm', 'AmazonSSM.SendCommand', {
      DocumentName: 'AWS-RunShellScript',
      InstanceIds: instanceIds,
      Parameters: { commands: [command] },
      Comment: comment.slice(0, 100),
      TimeoutSeconds: 60,
    });
    return Command.CommandId;
  }

  /** Waits for the command to finish on one instance; its output, or a clear error. */
  private async waitForCommand(call: IntegrationCall, commandId: string, instanceId: string): Promise<string> {
    const deadline = Date.now() + (this.settings.commandTimeoutMs ?? 60_000);
    for (;;) {
      const invocation = await this.json<CommandInvocation>(call, 'ssm', 'AmazonSSM.GetCommandInvocation', {
        CommandId: commandId,
        InstanceId: instanceId,
      }).catch((error: unknown): CommandInvocation => {
        // SSM answers InvocationDoesNotExist for a moment after SendCommand.
        if (error instanceof IntegrationError && error.message.includes('InvocationDoesNotExist'))
          return { Status: 'Pending' };
        throw error;
      });
      if (invocation.Status === 'Success') return invocation.StandardOutputContent ?? '';
      if (!['Pending', 'InProgress', 'Delayed'].includes(invocation.Status)) {
        const detail = (invocation.StandardErrorContent ?? '').trim().slice(0, 200);
        throw new IntegrationError(
          'aws',
          `The command on ${instanceId} ended ${invocation.Status}${detail ? `: ${detail}` : '.'}`,
          false,
        );
      }
      if (Date.now() > deadline) {
        throw new IntegrationError(
          'aws',
          `The command on ${instanceId} had not finished after ${Math.round((this.settings.commandTimeoutMs ?? 60_000) / 1000)} seconds.`,
          true,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, this.settings.commandPollMs ?? 1000));
    }
  }

  private async runCommand(
    call: IntegrationCall,
    instanceIds: string[],
    command: string,
    comment: string,
  ): Promise<string> {
    const commandId = await this.sendCommand(call, instanceIds, command, comment);
    return this.waitForCommand(call, commandId, instanceIds[0]);
  }

  // ---- CodeDeploy -------------------------------------------------------------------------

  private async deploymentInfos(
    call: IntegrationCall,
    filter: { service?: string } & TimeWindow,
  ): Promise<DeploymentInfo[]> {
    const applications = filter.service
      ? [filter.service]
      : await this.tokenPages<string>(call, 'CodeDeploy_20141006.ListApplications', {}, 'applications');
    const end = filter.to ? Date.parse(filter.to) : Date.now();
    const start = filter.from ? Date.parse(filter.from) : end - 86_400_000;
    const ids: string[] = [];
    for (const applicationName of applications.slice(0, 20)) {
      const listed = await this.tokenPages<string>(
        call,
        'CodeDeploy_20141006.ListDeployments',
        { applicationName, createTimeRange: { start: start / 1000, end: end / 1000 } },
        'deployments',
      ).catch((error: unknown) => {
        // A service that CodeDeploy does not deploy simply has no deployments there.
        if (error instanceof IntegrationError && error.message.includes('ApplicationDoesNotExistException')) return [];
        throw error;
      });
      ids.push(...listed);
    }
    const infos: DeploymentInfo[] = [];
    for (let index = 0; index < ids.length; index += 25) {
      const { deploymentsInfo } = await this.json<{ deploymentsInfo: DeploymentInfo[] }>(
        call,
        'codedeploy',
        'CodeDeploy_20141006.BatchGetDeployments',
        { deploymentIds: ids.slice(index, index + 25) },
      );
      infos.push(...deploymentsInfo);
    }
    return infos.sort((a, b) => b.createTime - a.createTime);
  }

  /** CloudFront distributions whose configuration changed in the window, as `configuration` deployments of `cdn`. */
  private async cdnChanges(call: IntegrationCall, filter: TimeWindow): Promise<Deployment[]> {
    const end = filter.to ? Date.parse(filter.to) : Date.now();
    const start = filter.from ? Date.parse(filter.from) : end - 86_400_000;
    const summaries = await collectPages<XmlElement, string>(async (marker) => {
      const response = await this.client('cloudfront').send(call, {
        path: '/2020-05-31/distribution',
        query: { MaxItems: this.pageSize, Marker: marker },
        headers: { accept: 'application/xml' },
      });
      const list = findDeep(parseXml(response.text), 'DistributionList');
      const items = (find(list, 'Items')?.children ?? []).filter((child) => child.name === 'DistributionSummary');
      return { items, next: textAt(list, 'IsTruncated') === 'true' ? textAt(list, 'NextMarker') : undefined };
    });
    return summaries.flatMap((summary): Deployment[] => {
      const id = textAt(summary, 'Id') ?? '';
      const modified = textAt(summary, 'LastModifiedTime') ?? '';
      const at = Date.parse(modified);
      if (!(at >= start && at <= end)) return [];
      const comment = textAt(summary, 'Comment');
      return [
        {
          id: `${id}@${modified}`,
          service: 'cdn',
          version: `${id}@${modified}`,
          previousVersion: null,
          status: textAt(summary, 'Status') === 'InProgress' ? 'in_progress' : 'succeeded',
          startedAt: new Date(at).toISOString(),
          updatedHosts: [],
          pendingHosts: [],
          changeType: 'configuration',
          description: `CloudFront distribution ${id}${comment ? ` (${comment})` : ''}: configuration changed`,
        },
      ];
    });
  }

  private statusOf(info: DeploymentInfo): Deployment['status'] {
    if (info.rollbackInfo?.rollbackDeploymentId) return 'rolled_back';
    switch (info.status) {
      case 'Succeeded':
        return 'succeeded';
      case 'Failed':
      case 'Stopped':
        return (info.deploymentOverview?.Succeeded ?? 0) > 0 ? 'partial' : 'failed';
      default:
        return 'in_progress';
    }
  }

  /** Names of the hosts of a deployment in some states. */
  private async deploymentHosts(call: IntegrationCall, deploymentId: string, states: string[]): Promise<string[]> {
    const ids = await this.tokenPages<string>(
      call,
      'CodeDeploy_20141006.ListDeploymentInstances',
      { deploymentId, instanceStatusFilter: states },
      'instancesList',
    );
    if (ids.length === 0) return [];
    const filters = Object.fromEntries(ids.map((id, index) => [`InstanceId.${index + 1}`, id]));
    return (await this.describeInstances(call, filters)).map((host) => host.name);
  }

  private tokenPages<Item>(call: IntegrationCall, target: string, body: object, key: string): Promise<Item[]> {
    return collectPages<Item, string>(async (nextToken) => {
      const page = await this.json<Record<string, unknown> & { nextToken?: string }>(call, 'codedeploy', target, {
        ...body,
        ...(nextToken ? { nextToken } : {}),
      });
      return { items: (page[key] as Item[] | undefined) ?? [], next: page.nextToken || undefined };
    });
  }

  // ---- Transport --------------------------------------------------------------------------

  private client(service: AwsService): LiveHttpClient {
    let client = this.clients.get(service);
    if (!client) {
      // CloudFront is global: signed for us-east-1 at one endpoint.
      const region = service === 'cloudfront' ? 'us-east-1' : this.settings.region;
      const base =
        this.settings.endpointUrl ??
        (service === 'cloudfront' ? 'https://cloudfront.amazonaws.com' : `https://${service}.${region}.amazonaws.com`);
      client = new LiveHttpClient(
        base,
        {
          integration: 'aws',
          authorize: (request) => signRequest({ ...request, region, service, credentials: this.credentials }),
          authFailure: (response) => {
            const code = errorCode(response) ?? String(response.status);
            return PERMISSION_ERRORS.has(code)
              ? `AWS accepted the access key but it is not allowed to do this (${code}). Grant the permission in IAM.`
              : `AWS refused the access key (${code}). Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary credentials).`;
          },
          errorDetail: errorMessage,
          isThrottled: (response) => THROTTLING_ERRORS.has(errorCode(response) ?? ''),
          isAuthFailure: (response) => {
            const code = errorCode(response) ?? '';
            return CREDENTIAL_ERRORS.has(code) || PERMISSION_ERRORS.has(code);
          },
        },
        this.options,
      );
      this.clients.set(service, client);
    }
    return client;
  }

  /** A Query API action (EC2, Auto Scaling, STS): a form POST answered in XML. */
  private async query(
    call: IntegrationCall,
    service: AwsService,
    version: string,
    action: string,
    params: Record<string, string>,
  ): Promise<XmlElement> {
    const response = await this.client(service).send(call, {
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', accept: 'text/xml' },
      body: new URLSearchParams({ Action: action, Version: version, ...params }).toString(),
    });
    return parseXml(response.text);
  }

  /** A JSON 1.1 action (SSM, CodeDeploy): `X-Amz-Target: <Service>.<Action>`. */
  private json<T>(call: IntegrationCall, service: AwsService, target: string, body: object): Promise<T> {
    return this.client(service).json<T>(call, {
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
      body: JSON.stringify(body),
    });
  }

  private result(
    operation: CloudActionResult['operation'],
    target: string,
    reference: string,
    message: string,
  ): CloudActionResult {
    return { operation, target, reference, message, completedAt: new Date().toISOString() };
  }
}
