import { randomUUID } from 'node:crypto';
import { signRequest } from '../aws-signature.js';
import { FakeApi, type FakeReply, type FakeRequest } from './fake-api.js';

export interface FakeInstance {
  id: string;
  name: string;
  role: string;
  state: 'running' | 'stopped' | 'pending';
  zone: string;
  tags?: Record<string, string>;
  /** What `ps` prints on it. */
  ps: string;
  systemStatus?: string;
}

export interface FakeDeployment {
  deploymentId: string;
  applicationName: string;
  deploymentGroupName: string;
  status: string;
  createTime: number;
  description?: string;
  revision: { revisionType: 'S3'; s3Location: { bucket: string; key: string; bundleType: 'zip' } };
  previousRevision?: FakeDeployment['revision'];
  deploymentOverview?: Record<string, number>;
  instances: Record<string, string[]>;
}

const xml = (root: string, inner: string): FakeReply => ({
  headers: { 'content-type': 'text/xml;charset=UTF-8' },
  text: `<?xml version="1.0" encoding="UTF-8"?>\n<${root} xmlns="http://example.amazonaws.com/doc/">${inner}<requestId>${randomUUID()}</requestId></${root}>`,
});

const xmlError = (status: number, code: string, message: string): FakeReply => ({
  status,
  headers: { 'content-type': 'text/xml;charset=UTF-8' },
  text: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${randomUUID()}</RequestID></Response>`,
});

const jsonError = (status: number, type: string, message: string): FakeReply => ({
  status,
  headers: { 'content-type': 'application/x-amz-json-1.1' },
  json: { __type: `com.amazonaws.service#${type}`, message },
});

/** The service a request was signed for, from its credential scope. */
const serviceOf = (request: FakeRequest): string =>
  /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(String(request.headers.authorization))?.[1] ?? '';

/**
 * AWS behind one endpoint (as with `AWS_ENDPOINT_URL`), dispatching by the signed service:
 * EC2 (DescribeInstances with filters and NextToken, DescribeInstanceStatus), SSM (SendCommand,
 * GetCommandInvocation: a command is InProgress on the first look, then done), Auto Scaling
 * (SetDesiredCapacity), CloudFront (CreateInvalidation, one per CallerReference), CodeDeploy
 * (applications, deployments, instances, CreateDeployment), STS (GetCallerIdentity). Every
 * request's SigV4 signature is recomputed and must match. Throttles like AWS: EC2 with 503
 * RequestLimitExceeded, the others with 400 Throttling.
 */
export class FakeAws extends FakeApi {
  readonly instances: FakeInstance[] = [];
  readonly deployments: FakeDeployment[] = [];
  readonly groups = new Map<string, number>();
  readonly invalidations = new Map<string, { id: string; distribution: string; paths: string[] }>();
  /** CloudFront distributions by id. */
  readonly distributions = new Map<
    string,
    { comment: string; lastModified: string; status: 'Deployed' | 'InProgress' }
  >();
  /** ECS: each service's current task definition ARN, and the registered task definitions. */
  readonly ecsServices = new Map<string, string>();
  readonly taskDefinitions: Array<{ arn: string; family: string; image: string }> = [];
  readonly commands = new Map<string, { instanceIds: string[]; command: string; comment: string; looks: number }>();

  constructor(
    readonly accessKeyId = 'AKIAFAKE',
    readonly secretAccessKey = 'aws-secret-key',
  ) {
    super();
  }

  protected authorized(request: FakeRequest): boolean {
    const authorization = String(request.headers.authorization ?? '');
    const signed = /SignedHeaders=([^,]+)/.exec(authorization)?.[1].split(';') ?? [];
    const date = String(request.headers['x-amz-date'] ?? '');
    const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\//.exec(authorization);
    if (!scope || scope[1] !== this.accessKeyId || !date) return false;
    const headers = Object.fromEntries(
      signed.filter((name) => name !== 'host').map((name) => [name, String(request.headers[name])]),
    );
    const expected = signRequest({
      method: request.method,
      url: request.url,
      headers,
      body: request.body,
      region: scope[2],
      service: scope[3],
      credentials: { accessKeyId: this.accessKeyId, secretAccessKey: this.secretAccessKey },
      now: new Date(date.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z')),
    });
    return expected.authorization === authorization;
  }

  protected unauthorized(request: FakeRequest): FakeReply {
    switch (serviceOf(request)) {
      case 'ec2':
        return xmlError(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials');
      case 'sts':
      case 'autoscaling':
      case 'cloudfront':
        return xmlError(
          403,
          'SignatureDoesNotMatch',
          'The request signature we calculated does not match the signature you provided.',
        );
      default:
        return jsonError(400, 'UnrecognizedClientException', 'The security token included in the request is invalid.');
    }
  }

  protected throttled(request: FakeRequest): FakeReply {
    const service = serviceOf(request);
    if (service === 'ec2') return xmlError(503, 'RequestLimitExceeded', 'Request limit exceeded.');
    if (service === 'ssm' || service === 'codedeploy' || service === 'ecs')
      return jsonError(400, 'ThrottlingException', 'Rate exceeded');
    return xmlError(400, 'Throttling', 'Rate exceeded');
  }

  protected notFound(): FakeReply {
    return xmlError(404, 'NotFound', 'Not found');
  }

  protected route(request: FakeRequest): FakeReply | undefined {
    switch (serviceOf(request)) {
      case 'ec2':
        return this.ec2(request.form);
      case 'sts':
        return xml(
          'GetCallerIdentityResponse',
          '<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/trustops</Arn><Account>123456789012</Account></GetCallerIdentityResult>',
        );
      case 'autoscaling':
        return this.autoscaling(request.form);
      case 'cloudfront':
        return this.cloudfront(request);
      case 'ssm':
        return this.ssm(String(request.headers['x-amz-target']), request.json as Record<string, unknown>);
      case 'ecs':
        return this.ecs(String(request.headers['x-amz-target']), request.json as Record<string, unknown>);
      case 'codedeploy':
        return this.codedeploy(String(request.headers['x-amz-target']), request.json as Record<string, unknown>);
      default:
        return undefined;
    }
  }

  private ec2(form: URLSearchParams): FakeReply | undefined {
    const ids = [...form].filter(([key]) => /^InstanceId\.\d+$/.test(key)).map(([, value]) => value);
    const filters = [...form]
      .filter(([key]) => /^Filter\.\d+\.Name$/.test(key))
      .map(([key, name]) => ({ name, value: form.get(key.replace('Name', 'Value.1')) }));
    const matching = this.instances.filter(
      (instance) =>
        (ids.length === 0 || ids.includes(instance.id)) &&
        filters.every(({ name, value }) => {
          const tags: Record<string, string> = { Name: instance.name, Role: instance.role, ...instance.tags };
          return name.startsWith('tag:') && tags[name.slice(4)] === value;
        }),
    );
    if (form.get('Action') === 'DescribeInstanceStatus') {
      const items = matching
        .map((instance) => {
          const status = instance.state === 'running' ? (instance.systemStatus ?? 'ok') : 'not-applicable';
          return `<item><instanceId>${instance.id}</instanceId><systemStatus><status>${status}</status></systemStatus><instanceStatus><status>${instance.state === 'running' ? 'ok' : 'not-applicable'}</status></instanceStatus></item>`;
        })
        .join('');
      return xml('DescribeInstanceStatusResponse', `<instanceStatusSet>${items}</instanceStatusSet>`);
    }
    if (form.get('Action') !== 'DescribeInstances') return undefined;
    const size = Number(form.get('MaxResults') ?? 1000);
    const start = Number(form.get('NextToken') ?? 0);
    const page = matching.slice(start, start + size);
    const reservations = page
      .map((instance) => {
        const tags = Object.entries({ Name: instance.name, Role: instance.role, ...instance.tags })
          .map(([key, value]) => `<item><key>${key}</key><value>${value}</value></item>`)
          .join('');
        return `<item><reservationId>r-${instance.id}</reservationId><instancesSet><item><instanceId>${instance.id}</instanceId><instanceState><code>16</code><name>${instance.state}</name></instanceState><placement><availabilityZone>${instance.zone}</availabilityZone></placement><tagSet>${tags}</tagSet></item></instancesSet></item>`;
      })
      .join('');
    const next = start + size < matching.length ? `<nextToken>${start + size}</nextToken>` : '';
    return xml('DescribeInstancesResponse', `<reservationSet>${reservations}</reservationSet>${next}`);
  }

  private autoscaling(form: URLSearchParams): FakeReply | undefined {
    if (form.get('Action') !== 'SetDesiredCapacity') return undefined;
    const name = form.get('AutoScalingGroupName') ?? '';
    if (!this.groups.has(name))
      return xmlError(400, 'ValidationError', `AutoScalingGroup name not found - no such group: ${name}`);
    this.groups.set(name, Number(form.get('DesiredCapacity')));
    return xml(
      'SetDesiredCapacityResponse',
      `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>`,
    );
  }

  private cloudfront(request: FakeRequest): FakeReply | undefined {
    if (request.url.pathname === '/2020-05-31/distribution' && request.method === 'GET') {
      const all = [...this.distributions];
      const size = Number(request.url.searchParams.get('MaxItems') ?? 100);
      const start = Number(request.url.searchParams.get('Marker') || 0);
      const truncated = start + size < all.length;
      const page = all.slice(start, start + size);
      const items = page
        .map(
          ([id, distribution]) =>
            `<DistributionSummary><Id>${id}</Id><Status>${distribution.status}</Status><LastModifiedTime>${distribution.lastModified}</LastModifiedTime><DomainName>${id.toLowerCase()}.cloudfront.net</DomainName><Comment>${distribution.comment}</Comment></DistributionSummary>`,
        )
        .join('');
      return {
        headers: { 'content-type': 'text/xml' },
        text: `<?xml version="1.0"?><DistributionList xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Marker>${start || ''}</Marker>${truncated ? `<NextMarker>${start + size}</NextMarker>` : ''}<MaxItems>${size}</MaxItems><IsTruncated>${truncated}</IsTruncated><Quantity>${page.length}</Quantity><Items>${items}</Items></DistributionList>`,
      };
    }
    const match = /^\/2020-05-31\/distribution\/([^/]+)\/invalidation$/.exec(request.url.pathname);
    if (!match || request.method !== 'POST') return undefined;
    if (!this.distributions.has(match[1]))
      return xmlError(404, 'NoSuchDistribution', 'The specified distribution does not exist.');
    const reference = /<CallerReference>([^<]*)<\/CallerReference>/.exec(request.body)?.[1] ?? '';
    const paths = [...request.body.matchAll(/<Path>([^<]*)<\/Path>/g)].map((found) => found[1]);
    let invalidation = this.invalidations.get(reference);
    if (!invalidation) {
      invalidation = { id: `I${this.invalidations.size + 1}ABCDEF`, distribution: match[1], paths };
      this.invalidations.set(reference, invalidation);
    }
    return {
      status: 201,
      headers: { 'content-type': 'text/xml', location: `${this.url}${request.url.pathname}/${invalidation.id}` },
      text: `<?xml version="1.0"?><Invalidation xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/"><Id>${invalidation.id}</Id><Status>InProgress</Status></Invalidation>`,
    };
  }

  private ssm(target: string, body: Record<string, unknown>): FakeReply | undefined {
    if (target === 'AmazonSSM.SendCommand') {
      const instanceIds = body.InstanceIds as string[];
      if (instanceIds.some((id) => !this.instances.some((instance) => instance.id === id))) {
        return jsonError(400, 'InvalidInstanceId', 'Instances not in a valid state for account');
      }
      const commandId = randomUUID();
      const command = (body.Parameters as { commands: string[] }).commands.join('\n');
      this.commands.set(commandId, { instanceIds, command, comment: String(body.Comment), looks: 0 });
      return { json: { Command: { CommandId: commandId, Status: 'Pending', InstanceIds: instanceIds } } };
    }
    if (target === 'AmazonSSM.GetCommandInvocation') {
      const command = this.commands.get(String(body.CommandId));
      if (!command || !command.instanceIds.includes(String(body.InstanceId))) {
        return jsonError(400, 'InvocationDoesNotExist', 'An error occurred (InvocationDoesNotExist)');
      }
      command.looks++;
      if (command.looks === 1) return { json: { CommandId: body.CommandId, Status: 'InProgress' } };
      const instance = this.instances.find((candidate) => candidate.id === body.InstanceId);
      const output = command.command.startsWith('ps ') ? (instance?.ps ?? '') : '';
      return {
        json: { CommandId: body.CommandId, Status: 'Success', StandardOutputContent: output, StandardErrorContent: '' },
      };
    }
    return undefined;
  }

  private ecs(target: string, body: Record<string, unknown>): FakeReply | undefined {
    switch (target.replace('AmazonEC2ContainerServiceV20141113.', '')) {
      case 'DescribeServices': {
        const [name] = body.services as string[];
        const taskDefinition = this.ecsServices.get(name);
        return taskDefinition
          ? { json: { services: [{ serviceName: name, taskDefinition, status: 'ACTIVE' }], failures: [] } }
          : { json: { services: [], failures: [{ arn: name, reason: 'MISSING' }] } };
      }
      case 'ListTaskDefinitions': {
        const start = Number(body.nextToken ?? 0);
        const arns = this.taskDefinitions
          .filter((definition) => definition.family.startsWith(String(body.familyPrefix)))
          .map((definition) => definition.arn)
          .sort((a, b) => Number(b.split(':').pop()) - Number(a.split(':').pop()));
        const next = start + 2 < arns.length ? String(start + 2) : undefined;
        return { json: { taskDefinitionArns: arns.slice(start, start + 2), nextToken: next } };
      }
      case 'DescribeTaskDefinition': {
        const found = this.taskDefinitions.find((definition) => definition.arn === body.taskDefinition);
        if (!found) return jsonError(400, 'ClientException', 'Unable to describe task definition.');
        return {
          json: {
            taskDefinition: {
              taskDefinitionArn: found.arn,
              family: found.family,
              containerDefinitions: [{ name: 'app', image: found.image }],
            },
          },
        };
      }
      case 'UpdateService': {
        this.ecsServices.set(String(body.service), String(body.taskDefinition));
        return { json: { service: { serviceName: body.service, taskDefinition: body.taskDefinition } } };
      }
      default:
        return undefined;
    }
  }

  private codedeploy(target: string, body: Record<string, unknown>): FakeReply | undefined {
    const page = <Item>(items: Item[]) => {
      const start = Number(body.nextToken ?? 0);
      return {
        items: items.slice(start, start + 2),
        nextToken: start + 2 < items.length ? String(start + 2) : undefined,
      };
    };
    switch (target) {
      case 'CodeDeploy_20141006.ListApplications': {
        const { items, nextToken } = page([
          ...new Set(this.deployments.map((deployment) => deployment.applicationName)),
        ]);
        return { json: { applications: items, nextToken } };
      }
      case 'CodeDeploy_20141006.ListDeployments': {
        const range = body.createTimeRange as { start: number; end: number } | undefined;
        if (!this.deployments.some((deployment) => deployment.applicationName === body.applicationName)) {
          return jsonError(
            400,
            'ApplicationDoesNotExistException',
            `No application found for name: ${String(body.applicationName)}`,
          );
        }
        const { items, nextToken } = page(
          this.deployments
            .filter(
              (deployment) =>
                deployment.applicationName === body.applicationName &&
                (!range || (deployment.createTime >= range.start && deployment.createTime <= range.end)),
            )
            .map((deployment) => deployment.deploymentId),
        );
        return { json: { deployments: items, nextToken } };
      }
      case 'CodeDeploy_20141006.BatchGetDeployments': {
        const ids = body.deploymentIds as string[];
        if (ids.length > 25)
          return jsonError(
            400,
            'BatchLimitExceededException',
            'The maximum number of names or IDs allowed for this request (25) was exceeded.',
          );
        return {
          json: {
            deploymentsInfo: this.deployments
              .filter((deployment) => ids.includes(deployment.deploymentId))
              .map(({ instances: _instances, ...info }) => info),
          },
        };
      }
      case 'CodeDeploy_20141006.ListDeploymentInstances': {
        const deployment = this.deployments.find((candidate) => candidate.deploymentId === body.deploymentId);
        if (!deployment) return jsonError(400, 'DeploymentDoesNotExistException', 'The deployment does not exist');
        const states = body.instanceStatusFilter as string[];
        const { items, nextToken } = page(states.flatMap((state) => deployment.instances[state] ?? []));
        return { json: { instancesList: items, nextToken } };
      }
      case 'CodeDeploy_20141006.CreateDeployment': {
        const deploymentId = `d-${randomUUID().slice(0, 9).toUpperCase()}`;
        const previous = this.deployments.find((deployment) => deployment.applicationName === body.applicationName);
        this.deployments.unshift({
          deploymentId,
          applicationName: String(body.applicationName),
          deploymentGroupName: String(body.deploymentGroupName),
          status: 'Created',
          createTime: Date.now() / 1000,
          description: typeof body.description === 'string' ? body.description : '',
          revision: body.revision as FakeDeployment['revision'],
          previousRevision: previous?.revision,
          instances: {},
        });
        return { json: { deploymentId } };
      }
      default:
        return undefined;
    }
  }
}
