import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventStreamKey, parseEventStream } from './event-stream-key.js';

const TENANT = '0b7c1f0e-5d2a-4c1e-9a43-2f6d0c8b9e11';
const RUN = '5E0D7B8C-3A2F-4B1D-8C6E-9F0A1B2C3D4E';

describe('eventStreamKey', () => {
  it('should key runs, incidents and batches by id and the inbox by tenant', () => {
    assert.equal(eventStreamKey(TENANT, { kind: 'run', id: RUN }), `run:${RUN.toLowerCase()}`);
    assert.equal(eventStreamKey(TENANT, { kind: 'batch', id: TENANT }), `batch:${TENANT}`);
    assert.equal(eventStreamKey(TENANT, { kind: 'inbox' }), `inbox:${TENANT}`);
    assert.equal(eventStreamKey(TENANT, { kind: 'incidents', id: TENANT }), `incidents:${TENANT}`);
  });
});

describe('parseEventStream', () => {
  it('should accept the five kinds, with a UUID where one is needed', () => {
    assert.deepEqual(parseEventStream({ kind: 'run', id: RUN }), { kind: 'run', id: RUN.toLowerCase() });
    assert.deepEqual(parseEventStream({ kind: 'incident', id: TENANT }), { kind: 'incident', id: TENANT });
    assert.deepEqual(parseEventStream({ kind: 'inbox', id: 'ignored' }), { kind: 'inbox' });
    assert.deepEqual(parseEventStream({ kind: 'incidents', id: TENANT.toUpperCase() }), {
      kind: 'incidents',
      id: TENANT,
    });
  });

  it('should say what is wrong with anything else', () => {
    assert.equal(parseEventStream(undefined), 'Say which stream to follow: { kind, id }.');
    assert.equal(parseEventStream({ kind: 'run', id: "1' OR '1'='1" }), "A run stream needs the run's id (a UUID).");
    assert.equal(parseEventStream({ kind: 'run' }), "A run stream needs the run's id (a UUID).");
    assert.equal(parseEventStream({ kind: 'incidents' }), "An incidents stream needs your organisation's id (a UUID).");
    assert.equal(
      parseEventStream({ kind: 'tenant', id: TENANT }),
      'The stream kind must be run, incident, incidents, batch or inbox.',
    );
  });
});
