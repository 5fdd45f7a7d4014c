import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AwsProvider, processesOf } from './aws-provider.js';
import { FAST_OPTIONS } from './testing/fake-api.js';
import { FakeAws, type FakeDeployment } from './testing/fake-aws.js';
import { CALL, itHandlesFailuresLikeAnyLiveProvider, rejection } from './testing/resilience-cases.js';

const PS = [
  '  812 Sl   97.5 3145728 10800 java',
  ' 1024 Ss    1.2  20480 86400 nginx',
  ' 2048 D     0.0   1024   600 hl7-adt-sender',
].join('\n');

const bundle = (version: string): FakeDeployment['revision'] => ({
  revisionType: 'S3',
  s3Location: { bucket: 'releases', key: `checkout-service/${version}.zip`, bundleType: 'zip' },
});

describe(AwsProvider.name, () => {
  const fake = new FakeAws();
  const provider = (secretAccessKey = fake.secretAccessKey) =>
    new AwsProvider(
      {
        region: 'eu-west-2',
        endpointUrl: fake.url,
        accessKeyId: fake.accessKeyId,
        secretAccessKey,
        pageSize: 5,
        commandPollMs: 10,
        ecsCluster: 'production',
      },
      FAST_OPTIONS,
    );

  before(async () => {
    await fake.start();
    for (let index = 1; index <= 6; index++) {
      fake.instances.push({
        id: `i-0web${index}`,
        name: `prod-web-0${index}`,
        role: 'web',
        state: 'running',
        zone: 'eu-west-2a',
        ps: PS,
      });
    }
    fake.instances.push({
      id: 'i-0db1',
      name: 'db-primary-01',
      role: 'database',
      state: 'stopped',
      zone: 'eu-west-2b',
      ps: '',
    });
    fake.instances.push({
      id: 'i-0tie1',
      name: 'tie-engine-01',
      role: 'integration',
      state: 'running',
      zone: 'eu-west-2c',
      ps: PS,
      tags: { Queue: 'hl7-adt-outbound' },
    });
    fake.groups.set('web-asg', 4);
    const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    fake.distributions.set('E2EUCDN', { comment: 'EU edge', lastModified: ago(40), status: 'Deployed' });
    for (const id of ['E1OLD', 'E2OLD', 'E3OLD', 'E4OLD', 'E5OLD']) {
      fake.distributions.set(id, { comment: '', lastModified: ago(3 * 24 * 60), status: 'Deployed' });
    }
    fake.distributions.set('E6NEW', { comment: '', lastModified: ago(5), status: 'InProgress' });
    const now = Date.now() / 1000;
    const deployment = (
      id: string,
      version: string,
      previous: string | null,
      status: string,
      minutes: number,
      overview: Record<string, number>,
      instances: Record<string, string[]>,
    ) =>
      fake.deployments.push({
        deploymentId: id,
        applicationName: 'checkout-service',
        deploymentGroupName: 'production',
        status,
        createTime: now - minutes * 60,
        description: `Release ${version}`,
        revision: bundle(version),
        ...(previous ? { previousRevision: bundle(previous) } : {}),
        deploymentOverview: overview,
        instances,
      });
    deployment(
      'd-310',
      'v3.1.0',
      'v3.0.9',
      'Failed',
      30,
      { Succeeded: 2, Failed: 1, Pending: 1 },
      { Succeeded: ['i-0web1', 'i-0web2'], Failed: ['i-0web3'], Pending: ['i-0web4'] },
    );
    deployment('d-309', 'v3.0.9', 'v3.0.8', 'Succeeded', 300, { Succeeded: 4 }, {});
    deployment('d-308', 'v3.0.8', null, 'Succeeded', 600, { Succeeded: 4 }, {});
  });
  after(() => fake.close());

  it('lists instances across DescribeInstances pages (NextToken), by role', async () => {
    const hosts = await provider().listInstances(CALL);
    assert.equal(hosts.length, 8);
    assert.deepEqual(hosts[6], {
      id: 'i-0db1',
      name: 'db-primary-01',
      role: 'database',
      status: 'stopped',
      zone: 'eu-west-2b',
      version: null,
    });
    const tokens = fake.requests
      .filter((request) => request.form.get('Action') === 'DescribeInstances')
      .map((request) => request.form.get('NextToken'));
    assert.deepEqual(tokens, [null, '5']);
    assert.deepEqual(
      (await provider().listInstances(CALL, { role: 'database' })).map((host) => host.name),
      ['db-primary-01'],
    );
  });

  it('reads a host’s status checks and its processes through SSM', async () => {
    const health = await provider().hostHealth(CALL, 'prod-web-03');
    assert.equal(health.host, 'prod-web-03');
    assert.equal(health.status, 'healthy');
    assert.deepEqual(health.processes[0], {
      name: 'java',
      pid: 812,
      status: 'running',
      cpuPercent: 97.5,
      memoryMb: 3072,
      uptimeMinutes: 180,
    });
    assert.equal(health.processes[2].status, 'hung');
    assert.equal((await provider().hostHealth(CALL, 'db-primary-01')).status, 'down');
    const error = await rejection(provider().hostHealth(CALL, 'prod-web-99'));
    assert.equal(error.message, 'EC2 has no instance called prod-web-99 in eu-west-2.');
  });

  it('restarts a service with SSM, refusing names that are not unit names', async () => {
    const result = await provider().restartService(CALL, { host: 'prod-web-03', service: 'checkout' }, 'action-1');
    const command = fake.commands.get(result.reference);
    assert.equal(command?.command, 'systemctl restart checkout');
    assert.deepEqual(command?.instanceIds, ['i-0web3']);
    assert.equal(command?.comment, 'TrustOps action-1');
    assert.equal(result.message, 'Restarted checkout on prod-web-03.');
    const error = await rejection(
      provider().restartService(CALL, { host: 'prod-web-03', service: 'x; rm -rf /' }, 'action-2'),
    );
    assert.match(error.message, /is not a service name TrustOps can restart/);
  });

  it('sets an Auto Scaling group’s desired capacity, and names an unknown group', async () => {
    await provider().scalePool(CALL, { pool: 'web-asg', size: 6 }, 'action-3');
    assert.equal(fake.groups.get('web-asg'), 6);
    const error = await rejection(provider().scalePool(CALL, { pool: 'nope', size: 2 }, 'action-4'));
    assert.match(error.message, /AWS refused the request \(400\): ValidationError: AutoScalingGroup name not found/);
  });

  it('purges CloudFront once per idempotency key', async () => {
    const first = await provider().purgeCdnCache(CALL, { distribution: 'E2EUCDN', paths: ['/eu/*'] }, 'action-5');
    const again = await provider().purgeCdnCache(CALL, { distribution: 'E2EUCDN', paths: ['/eu/*'] }, 'action-5');
    assert.equal(again.reference, first.reference);
    assert.deepEqual(fake.invalidations.get('action-5')?.paths, ['/eu/*']);
    const error = await rejection(
      provider().purgeCdnCache(CALL, { distribution: 'EMISSING', paths: ['/'] }, 'action-6'),
    );
    assert.equal(error.message, 'CloudFront has no distribution EMISSING.');
  });

  it('lists CodeDeploy deployments across pages, with the hosts of a partial rollout', async () => {
    const deployments = await provider().listDeployments(CALL, { service: 'checkout-service' });
    assert.deepEqual(
      deployments.map((deployment) => `${deployment.version}:${deployment.status}`),
      ['v3.1.0:partial', 'v3.0.9:succeeded', 'v3.0.8:succeeded'],
    );
    assert.equal(deployments[0].previousVersion, 'v3.0.9');
    assert.deepEqual(deployments[0].updatedHosts, ['prod-web-01', 'prod-web-02']);
    assert.deepEqual(deployments[0].pendingHosts.sort(), ['prod-web-03', 'prod-web-04']);
  });

  it('lists CloudFront configuration changes of the window (over Marker pages) as deployments of cdn', async () => {
    const changes = await provider().listDeployments(CALL, { service: 'cdn' });
    assert.deepEqual(
      changes.map((change) => [change.service, change.changeType, change.status, change.description]),
      [
        ['cdn', 'configuration', 'in_progress', 'CloudFront distribution E6NEW: configuration changed'],
        ['cdn', 'configuration', 'succeeded', 'CloudFront distribution E2EUCDN (EU edge): configuration changed'],
      ],
    );
    const markers = fake.requests
      .filter((request) => request.url.pathname === '/2020-05-31/distribution')
      .map((request) => request.url.searchParams.get('Marker'));
    assert.deepEqual(markers, [null, '5']);
    const everything = await provider().listDeployments(CALL);
    assert.deepEqual(
      everything.map((deployment) => deployment.service),
      ['cdn', 'checkout-service', 'cdn', 'checkout-service', 'checkout-service'],
    );
    assert.deepEqual(await provider().listDeployments(CALL, { service: 'not-deployed-by-codedeploy' }), []);
  });

  it('rolls back by redeploying the earlier revision, once per idempotency key', async () => {
    const first = await provider().rollbackDeployment(
      CALL,
      { service: 'checkout-service', toVersion: 'v3.0.9' },
      'action-7',
    );
    const again = await provider().rollbackDeployment(
      CALL,
      { service: 'checkout-service', toVersion: 'v3.0.9' },
      'action-7',
    );
    assert.equal(again.reference, first.reference);
    const created = fake.deployments.filter((deployment) => deployment.description?.includes('action-7'));
    assert.equal(created.length, 1);
    assert.equal(created[0].revision.s3Location.key, 'checkout-service/v3.0.9.zip');
    assert.equal(created[0].deploymentGroupName, 'production');
    const error = await rejection(
      provider().rollbackDeployment(CALL, { service: 'checkout-service', toVersion: 'v1.0.0' }, 'action-8'),
    );
    assert.match(error.message, /no successful deployment of checkout-service at version v1\.0\.0/);
  });

  it('rolls an ECS service back to the task definition whose image has the version, when CodeDeploy does not deploy it', async () => {
    const arn = (revision: number) => `arn:aws:ecs:eu-west-2:123456789012:task-definition/payments:${revision}`;
    for (const [revision, version] of [
      [1, 'v2.0.0'],
      [2, 'v2.1.0'],
      [3, 'v2.2.0'],
      [4, 'v2.3.0'],
    ] as const) {
      fake.taskDefinitions.push({
        arn: arn(revision),
        family: 'payments',
        image: `registry.example/payments:${version}`,
      });
    }
    fake.ecsServices.set('payments', arn(4));
    const result = await provider().rollbackDeployment(CALL, { service: 'payments', toVersion: 'v2.1.0' }, 'action-10');
    assert.equal(result.reference, arn(2));
    assert.equal(fake.ecsServices.get('payments'), arn(2));
    const updates = () =>
      fake.requests.filter((request) => String(request.headers['x-amz-target']).endsWith('.UpdateService')).length;
    assert.equal(updates(), 1);
    await provider().rollbackDeployment(CALL, { service: 'payments', toVersion: 'v2.1.0' }, 'action-10');
    assert.equal(updates(), 1, 'a service already on that task definition is left alone');
    const missing = await rejection(
      provider().rollbackDeployment(CALL, { service: 'ghost', toVersion: 'v1' }, 'action-11'),
    );
    assert.equal(missing.message, 'Neither CodeDeploy nor ECS cluster production has a service ghost.');
  });

  it('drains a queue by restarting its consumer where the queue is served', async () => {
    const result = await provider().drainQueue(
      CALL,
      { queue: 'hl7-adt-outbound', consumer: 'hl7-adt-sender' },
      'action-9',
    );
    assert.deepEqual(fake.commands.get(result.reference)?.instanceIds, ['i-0tie1']);
    assert.equal(result.message, 'Restarted hl7-adt-sender on tie-engine-01 so that hl7-adt-outbound drains.');
  });

  it('reads ps output', () => {
    assert.deepEqual(processesOf('garbage\n  1 Z 0 0 0 defunct thing'), [
      { name: 'defunct thing', pid: 1, status: 'crashed', cpuPercent: 0, memoryMb: 0, uptimeMinutes: 0 },
    ]);
  });

  itHandlesFailuresLikeAnyLiveProvider({
    fake: () => fake,
    provider: () => provider(),
    withWrongSecret: () => provider('wrong-aws-secret'),
    wrongSecret: 'wrong-aws-secret',
    read: (subject) => subject.listInstances(CALL),
    authMessage:
      /AWS refused the access key \((AuthFailure|SignatureDoesNotMatch)\)\. Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/,
  });
});
