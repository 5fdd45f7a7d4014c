import assert from 'node:assert/strict';
import { mkdtemp, rm, symlink, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyseWorkspace, type IntegrationAnalysis } from './index.js';

const repositoryRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const tie = path.join(repositoryRoot, 'fixtures/tie');
const pythonListener = path.join(repositoryRoot, 'fixtures/integration-samples/python-hl7-listener');

const endpointNamed = (analysis: IntegrationAnalysis, name: string) => {
  const endpoint = analysis.endpoints.find((item) => item.name === name);
  assert.ok(
    endpoint,
    `expected an endpoint named ${name}, found ${analysis.endpoints.map((item) => item.name).join(', ')}`,
  );
  return endpoint;
};
const componentFor = (analysis: IntegrationAnalysis, file: string) => {
  const component = analysis.components.find((item) => item.file === file);
  assert.ok(component, `expected a component for ${file}`);
  return component;
};
const flowOf = (analysis: IntegrationAnalysis, messageType: string) => {
  const flow = analysis.flows.find((item) => item.messageType === messageType);
  assert.ok(flow, `expected a flow for ${messageType}`);
  return flow;
};

describe(`${analyseWorkspace.name} on the fixture TIE`, () => {
  let analysis: IntegrationAnalysis;
  before(async () => {
    analysis = await analyseWorkspace(tie, { title: 'Northfield TIE' });
  });

  it('should find exactly the message types the engine handles', () => {
    assert.deepEqual(
      analysis.messageTypes.map((type) => type.code),
      ['ADT^A01', 'ADT^A03', 'ADT^A08', 'ORU^R01'],
    );
    const discharge = analysis.messageTypes.find((type) => type.code === 'ADT^A03');
    assert.equal(discharge?.description, 'Discharge/end visit');
    assert.ok(discharge?.files.includes('samples/adt_a03_discharge.hl7'));
    assert.ok(discharge?.files.includes('src/handlers/index.js'));
  });

  it('should find the MLLP listeners with the message types each accepts', () => {
    const adt = endpointNamed(analysis, 'listeners.adt');
    assert.deepEqual([adt.kind, adt.direction, adt.port], ['mllp', 'inbound', 2575]);
    assert.deepEqual(adt.messageTypes, ['ADT^A01', 'ADT^A03', 'ADT^A08']);
    const results = endpointNamed(analysis, 'listeners.results');
    assert.deepEqual([results.kind, results.port, results.messageTypes], ['mllp', 2576, ['ORU^R01']]);
  });

  it('should find the destinations and what the routing table sends to each', () => {
    const pas = endpointNamed(analysis, 'destinations.pas');
    assert.equal(pas.kind, 'http');
    assert.equal(pas.address, 'POST https://pas.northfield.example.nhs.uk/api/v1/patient-events');
    assert.deepEqual(pas.messageTypes, ['ADT^A01', 'ADT^A03', 'ADT^A08']);
    assert.deepEqual(endpointNamed(analysis, 'destinations.epr').messageTypes, [
      'ADT^A01',
      'ADT^A03',
      'ADT^A08',
      'ORU^R01',
    ]);
    const mesh = endpointNamed(analysis, 'destinations.gpDischarge');
    assert.equal(mesh.kind, 'mesh');
    assert.match(mesh.address, /RXNOT001/);
    assert.deepEqual(mesh.messageTypes, ['ADT^A03']);
    const queue = endpointNamed(analysis, 'destinations.labQueue');
    assert.equal(queue.kind, 'queue');
    assert.match(queue.address, /tie\.lab\.results/);
    assert.deepEqual(queue.messageTypes, ['ORU^R01']);
    assert.equal(endpointNamed(analysis, 'deadLetterDir').kind, 'file');
    assert.ok(
      analysis.endpoints.some(
        (endpoint) =>
          endpoint.kind === 'http' && endpoint.direction === 'inbound' && endpoint.address === 'GET /health',
      ),
    );
  });

  it('should not mistake identifier systems for endpoints', () => {
    assert.ok(!analysis.endpoints.some((endpoint) => /fhir\.nhs\.uk|loinc\.org|\/Id\//.test(endpoint.address)));
  });

  it('should name the handler of each message type', () => {
    const handlerOf = (code: string) =>
      analysis.handlers
        .filter((handler) => handler.role === 'handler' && handler.messageTypes.includes(code))
        .map((handler) => handler.name);
    assert.deepEqual(handlerOf('ADT^A01'), ['handleAdmission']);
    assert.deepEqual(handlerOf('ADT^A03'), ['handleDischarge']);
    assert.deepEqual(handlerOf('ADT^A08'), ['handlePatientUpdate']);
    assert.deepEqual(handlerOf('ORU^R01'), ['handleLabResult']);
  });

  it('should find the FHIR transformations with their field mappings', () => {
    const patient = analysis.transformations.find((item) => item.name === 'mapPatient');
    assert.deepEqual(patient?.to, ['FHIR Patient']);
    assert.deepEqual(patient?.messageTypes, ['ADT^A01', 'ADT^A03', 'ADT^A08', 'ORU^R01']);
    const mapping = (from: string) => patient?.fieldMappings.find((item) => item.from === from)?.to;
    assert.equal(mapping('PID-7'), 'birthDate');
    assert.equal(mapping('PID-8'), 'gender');
    assert.equal(mapping('PID-5.1'), 'family');
    const encounter = analysis.transformations.find((item) => item.name === 'mapEncounter');
    assert.deepEqual(encounter?.to, ['FHIR Encounter']);
    assert.equal(encounter?.fieldMappings.find((item) => item.from === 'PV1-45')?.to, 'end');
    const report = analysis.transformations.find((item) => item.name === 'mapDiagnosticReport');
    assert.deepEqual(report?.to, ['FHIR DiagnosticReport']);
    const notification = analysis.transformations.find((item) => item.name === 'buildDischargeNotification');
    assert.deepEqual(notification?.messageTypes, ['ADT^A03']);
    assert.equal(notification?.fieldMappings.find((item) => item.from === 'PD1-3.3')?.to, 'practiceOdsCode');
  });

  it('should list the segments and the fields the code reads', () => {
    const pid = analysis.segments.find((segment) => segment.id === 'PID');
    assert.ok(pid?.fields.includes('PID-3') && pid.fields.includes('PID-5'));
    const obx = analysis.segments.find((segment) => segment.id === 'OBX');
    assert.ok(obx?.fields.includes('OBX-5') && obx.fields.includes('OBX-11'));
    for (const id of ['MSH', 'EVN', 'PD1', 'PV1', 'OBR', 'MSA'])
      assert.ok(
        analysis.segments.some((segment) => segment.id === id),
        id,
      );
  });

  it('should give each component its role', () => {
    assert.deepEqual(componentFor(analysis, 'src/mllp/mllp-server.js').roles, ['listener']);
    assert.deepEqual(componentFor(analysis, 'src/mllp/ack.js').roles, ['acknowledgement']);
    assert.deepEqual(componentFor(analysis, 'src/hl7/parser.js').roles, ['parser']);
    assert.deepEqual(componentFor(analysis, 'src/hl7/validator.js').roles, ['validator']);
    assert.deepEqual(componentFor(analysis, 'src/routing/router.js').roles, ['router']);
    assert.deepEqual(componentFor(analysis, 'src/routing/mesh-sender.js').roles, ['sender']);
    assert.deepEqual(componentFor(analysis, 'src/mapping/patient-to-fhir.js').roles, ['mapper']);
    assert.match(componentFor(analysis, 'src/routing/mesh-sender.js').summary, /MESH client's outbox/);
  });

  it('should trace the discharge from the ADT listener to the GP over MESH', () => {
    const flow = flowOf(analysis, 'ADT^A03');
    assert.deepEqual(flow.sources, [endpointNamed(analysis, 'listeners.adt').id]);
    const files = flow.components.map((id) => analysis.components.find((component) => component.id === id)?.file);
    const order = [
      'src/mllp/mllp-server.js',
      'src/hl7/parser.js',
      'src/hl7/validator.js',
      'src/handlers/adt-discharge.js',
      'src/mapping/discharge-notification.js',
      'src/routing/router.js',
      'src/routing/mesh-sender.js',
    ];
    const positions = order.map((file) => files.indexOf(file));
    assert.ok(
      positions.every((position) => position >= 0),
      `missing from ${files.join(', ')}`,
    );
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions,
    );
    assert.ok(!files.includes('src/routing/queue-publisher.js'));
    assert.ok(flow.destinations.includes(endpointNamed(analysis, 'destinations.gpDischarge').id));
    assert.ok(!flow.destinations.includes(endpointNamed(analysis, 'destinations.labQueue').id));
  });

  it('should route lab results from their own listener to the EPR and the queue', () => {
    const flow = flowOf(analysis, 'ORU^R01');
    assert.deepEqual(flow.sources, [endpointNamed(analysis, 'listeners.results').id]);
    assert.deepEqual(
      [...flow.destinations].sort(),
      [endpointNamed(analysis, 'destinations.epr').id, endpointNamed(analysis, 'destinations.labQueue').id].sort(),
    );
  });

  it('should draw the flows as a Mermaid flowchart with labelled edges', () => {
    assert.match(analysis.diagram, /^flowchart LR\n/);
    assert.match(analysis.diagram, /listeners\.adt<br\/>MLLP :2575/);
    assert.match(analysis.diagram, /-->\|"ADT\^A03"\| n\d+/);
    assert.match(analysis.diagram, /mesh-sender\.js/);
  });

  it('should write a Markdown document with the overview, diagram and inventory', () => {
    assert.match(analysis.markdown, /^# Northfield TIE: integration analysis/);
    assert.match(analysis.markdown, /```mermaid\nflowchart LR/);
    assert.match(analysis.markdown, /## Component inventory/);
    assert.match(analysis.markdown, /\| ADT\^A03 \| Discharge\/end visit \|/);
    assert.match(analysis.markdown, /MLLP :2575/);
  });

  it('should say what happens to each message in plain English', () => {
    assert.match(
      analysis.markdown,
      /\*\*ADT\^A03 \(discharge\/end visit\)\.\*\* It arrives on MLLP port 2575\. The engine checks it, turns it into a notification, FHIR Encounter and FHIR Patient and sends it to EPR \(web API\), PAS \(web API\) and GP discharge \(MESH\)\. The sender gets an acknowledgement \(ACK\) back\./,
    );
    assert.match(analysis.markdown, /ORU\^R01 .* sends it to EPR \(web API\) and Lab queue \(message queue\)/);
  });

  it('should give the same result every time', async () => {
    const again = await analyseWorkspace(tie, { title: 'Northfield TIE' });
    assert.deepEqual(again, analysis);
  });
});

describe(`${analyseWorkspace.name} on a Python HL7 listener`, () => {
  let analysis: IntegrationAnalysis;
  before(async () => {
    analysis = await analyseWorkspace(pythonListener);
  });

  it('should find the radiology message types', () => {
    assert.deepEqual(
      analysis.messageTypes.map((type) => type.code),
      ['ADT^A04', 'ORM^O01', 'SIU^S12'],
    );
  });

  it('should find the MLLP port, the RIS API, the drop folder and the Kafka topic', () => {
    const listener = analysis.endpoints.find((endpoint) => endpoint.port === 6661);
    assert.deepEqual([listener?.kind, listener?.direction], ['mllp', 'inbound']);
    assert.deepEqual(endpointNamed(analysis, 'ris').messageTypes, ['ADT^A04', 'ORM^O01']);
    assert.equal(endpointNamed(analysis, 'ris').kind, 'http');
    const drop = endpointNamed(analysis, 'order_export');
    assert.deepEqual([drop.kind, drop.address, drop.messageTypes], ['file', '/srv/hl7/ris-drop', ['ORM^O01']]);
    const events = endpointNamed(analysis, 'events');
    assert.equal(events.kind, 'queue');
    assert.match(events.address, /radiology\.appointments/);
    assert.deepEqual(events.messageTypes, ['SIU^S12']);
  });

  it('should tie decorated handlers to their message types', () => {
    const handler = (name: string) => analysis.handlers.find((item) => item.name === name)?.messageTypes;
    assert.deepEqual(handler('register_patient'), ['ADT^A04']);
    assert.deepEqual(handler('place_order'), ['ORM^O01']);
    assert.deepEqual(handler('book_appointment'), ['SIU^S12']);
  });

  it('should read python-hl7 field access as mappings', () => {
    const order = analysis.transformations.find((item) => item.name === 'order_to_ris_json');
    assert.equal(order?.fieldMappings.find((item) => item.from === 'OBR-3')?.to, 'accession_number');
    assert.equal(order?.fieldMappings.find((item) => item.from === 'OBR-4.2')?.to, 'exam_name');
    const registration = analysis.transformations.find((item) => item.name === 'registration_to_ris_json');
    assert.equal(registration?.fieldMappings.find((item) => item.from === 'PID-3.1')?.to, 'nhs_number');
  });

  it('should send appointments to the topic and not to the RIS', () => {
    const flow = flowOf(analysis, 'SIU^S12');
    assert.deepEqual(flow.destinations, [endpointNamed(analysis, 'events').id]);
    assert.equal(flow.sources.length, 1);
  });
});

describe(`${analyseWorkspace.name} on code that is not an integration`, () => {
  let root: string;
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'analyse-'));
    await writeFile(path.join(root, 'hello.js'), "console.log('hello');\n");
    await mkdir(path.join(root, 'outside'));
  });
  after(async () => rm(root, { recursive: true, force: true }));

  it('should say plainly that it found nothing', async () => {
    const analysis = await analyseWorkspace(root);
    assert.equal(analysis.messageTypes.length, 0);
    assert.match(analysis.markdown, /No HL7 v2 messages or interface endpoints were found/);
  });

  it('should not follow a symlink out of the workspace', async () => {
    const secret = await mkdtemp(path.join(tmpdir(), 'secret-'));
    await writeFile(path.join(secret, 'routes.json'), '{ "ADT^A01": ["pas"] }');
    await symlink(path.join(secret, 'routes.json'), path.join(root, 'routes.json'));
    try {
      const analysis = await analyseWorkspace(root);
      assert.equal(analysis.messageTypes.length, 0);
    } finally {
      await rm(secret, { recursive: true, force: true });
    }
  });

  it('should honour the file limit with a warning', async () => {
    const analysis = await analyseWorkspace(tie, { maxFiles: 3 });
    assert.equal(analysis.summary.filesAnalysed, 3);
    assert.ok(analysis.warnings.some((warning) => /Only the first 3 files/.test(warning)));
  });
});

describe(`${analyseWorkspace.name} on Mirth Connect channel exports`, () => {
  let analysis: IntegrationAnalysis;
  before(async () => {
    analysis = await analyseWorkspace(path.join(repositoryRoot, 'fixtures/integration-samples/mirth-channels'));
  });

  it('should read the message types from the channel filters', () => {
    assert.deepEqual(
      analysis.messageTypes.map((type) => type.code),
      ['ADT^A01', 'ADT^A02', 'ADT^A03', 'ORU^R01'],
    );
  });

  it('should name each channel listener and destination after the channel', () => {
    const adt = analysis.endpoints.find((endpoint) => endpoint.port === 6661);
    assert.deepEqual(
      [adt?.kind, adt?.name, adt?.messageTypes],
      ['mllp', 'ADT Inbound - PAS to EPR', ['ADT^A01', 'ADT^A02', 'ADT^A03']],
    );
    assert.deepEqual(endpointNamed(analysis, 'EPR REST API').messageTypes, ['ADT^A01', 'ADT^A02', 'ADT^A03']);
    const drop = endpointNamed(analysis, 'Bed management drop folder');
    assert.deepEqual(
      [drop.kind, drop.address, drop.messageTypes],
      ['file', '/opt/mirth/outbound/bed-management', ['ADT^A03']],
    );
    const database = endpointNamed(analysis, 'Results database');
    assert.equal(database.kind, 'database');
    assert.deepEqual(database.messageTypes, ['ORU^R01']);
    assert.doesNotMatch(database.address, /databaseName|password/i);
  });

  it('should split each channel into source, filter, transformer and destinations', () => {
    const parts = analysis.components.filter((component) => component.channel === 'ADT Inbound - PAS to EPR');
    assert.deepEqual(
      parts.map((component) => component.roles[0]),
      ['listener', 'validator', 'mapper', 'sender', 'sender'],
    );
    assert.match(parts[1]?.summary ?? '', /Admissions, transfers and discharges only/);
  });

  it('should read the transformer mappings, mapper steps included', () => {
    const transformer = analysis.transformations.find((item) => item.name === 'ADT Inbound - PAS to EPR: transformer');
    assert.deepEqual(transformer?.to, ['JSON']);
    const mapping = (from: string) => transformer?.fieldMappings.find((item) => item.from === from)?.to;
    assert.equal(mapping('PID-3.1'), 'nhsNumber');
    assert.equal(mapping('PID-5.1'), 'familyName');
    assert.equal(mapping('PV1-3.1'), 'ward');
  });

  it('should send discharges to bed management and keep channels apart', () => {
    const discharge = flowOf(analysis, 'ADT^A03');
    const admission = flowOf(analysis, 'ADT^A01');
    const drop = endpointNamed(analysis, 'Bed management drop folder').id;
    assert.ok(discharge.destinations.includes(drop));
    assert.ok(!admission.destinations.includes(drop));
    assert.ok(!admission.components.some((id) => id.includes('lab_results')));
    assert.deepEqual(flowOf(analysis, 'ORU^R01').destinations, [endpointNamed(analysis, 'Results database').id]);
  });
});

describe(`${analyseWorkspace.name} on an InterSystems production export`, () => {
  let analysis: IntegrationAnalysis;
  before(async () => {
    analysis = await analyseWorkspace(
      path.join(repositoryRoot, 'fixtures/integration-samples/intersystems-production'),
    );
  });

  it('should read the message types from the routing rules', () => {
    assert.deepEqual(
      analysis.messageTypes.map((type) => type.code),
      ['ADT^A01', 'ADT^A02', 'ADT^A03', 'ORU^R01'],
    );
  });

  it('should find the services, operations and where they connect', () => {
    const pas = endpointNamed(analysis, 'PAS ADT In');
    assert.deepEqual(
      [pas.kind, pas.direction, pas.port, pas.messageTypes],
      ['mllp', 'inbound', 35001, ['ADT^A01', 'ADT^A02', 'ADT^A03']],
    );
    const epr = endpointNamed(analysis, 'EPR HL7 Out');
    assert.deepEqual([epr.kind, epr.address], ['mllp', 'MLLP epr.example-trust.nhs.uk:6001']);
    assert.deepEqual(epr.messageTypes, ['ADT^A01', 'ADT^A02', 'ADT^A03', 'ORU^R01']);
    assert.deepEqual(endpointNamed(analysis, 'Bed Board File Out').messageTypes, ['ADT^A03']);
    assert.ok(!analysis.endpoints.some((endpoint) => /intersystems\.com/.test(endpoint.address)));
  });

  it('should read the DTL assignments as field mappings', () => {
    const dtl = analysis.transformations.find((item) => item.name === 'NFH.TIE.DTL.ADTToEPR');
    assert.deepEqual(dtl?.messageTypes, ['ADT^A01', 'ADT^A02', 'ADT^A03']);
    assert.deepEqual(dtl?.to, ['HL7 v2.4 ADT_A01']);
    assert.ok(dtl?.fieldMappings.some((mapping) => mapping.from === 'PV1-45.1' && mapping.to === 'PV1-45.1'));
  });

  it('should route discharges through the router and the transformation to both operations', () => {
    const flow = flowOf(analysis, 'ADT^A03');
    const names = flow.components.map((id) => analysis.components.find((component) => component.id === id)?.name);
    assert.deepEqual(names, ['PAS ADT In', 'ADT Router', 'NFH.TIE.DTL.ADTToEPR', 'EPR HL7 Out', 'Bed Board File Out']);
    assert.equal(flow.destinations.length, 2);
    const results = flowOf(analysis, 'ORU^R01');
    assert.deepEqual(results.sources, [endpointNamed(analysis, 'LIMS Results In').id]);
    assert.deepEqual(results.destinations, [endpointNamed(analysis, 'EPR HL7 Out').id]);
  });
});
