import assert from 'node:assert/strict';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { analyseWorkspace, type IntegrationAnalysis } from '../../runners/offline/index.js';
import { topicsOf } from './change-topics.js';
import { composeDocument } from './compose-document.js';

const tie = path.join(fileURLToPath(new URL('../../../../', import.meta.url)), 'fixtures/tie');

describe('composeDocument on fixtures/tie', () => {
  let analysis: IntegrationAnalysis;
  before(async () => {
    analysis = await analyseWorkspace(tie, { title: 'Northfield TIE' });
  });

  it('should find where the NHS number is parsed, validated, mapped and routed for a new identifier format', async () => {
    const markdown = await composeDocument('impact-assessment', tie, analysis, {
      change: 'What happens if we change the NHS number format to 12 characters?',
    });
    assert.match(markdown, /Patient identifier \(NHS number, PID-3\)/);
    for (const file of [
      'src/hl7/validator.js',
      'src/hl7/nhs-number.js',
      'src/hl7/parser.js',
      'src/mapping/patient-to-fhir.js',
      'src/mapping/discharge-notification.js',
    ])
      assert.ok(markdown.includes(`\`${file}\``), `expected ${file} among the impacted components`);
    assert.match(markdown, /\| Validated \| `src\/hl7\/validator\.js`.*\| High \|/);
    assert.match(markdown, /\| PID-3\.1 \| `nhsNumber` \| `src\/mapping\/discharge-notification\.js:17`/);
    assert.match(markdown, /line 28: `else if \(!isValidNhsNumber/);
    assert.match(markdown, /MLLP :2575/);
    assert.match(markdown, /destinations\.gpDischarge/);
    assert.match(markdown, /```mermaid\nflowchart LR/);
    // The encounter mapper carries visit numbers, not the patient identifier.
    assert.ok(!markdown.includes('`src/mapping/encounter-to-fhir.js` —'));
  });

  it('should give each message type cases with expected outcomes, edge cases included', async () => {
    const markdown = await composeDocument('test-plan', tie, analysis, { messageTypes: 'ADT^A03' });
    assert.match(markdown, /## ADT\^A03 — Discharge\/end visit/);
    assert.ok(!markdown.includes('## ADT^A01'));
    assert.match(markdown, /Send `samples\/adt_a03_discharge\.hl7` to MLLP :2575\. \| An ACK with MSA-1 = AA/);
    assert.match(markdown, /NHS number fails the modulus 11 check/);
    assert.match(markdown, /dead-letter folder/);
    const all = await composeDocument('test-plan', tie, analysis, {});
    for (const type of ['ADT^A01', 'ADT^A03', 'ADT^A08', 'ORU^R01']) assert.ok(all.includes(`## ${type} — `), type);
    assert.match(all, /MLLP :2576/);
  });

  it('should mark each requirement met, partly met or a gap against the current capabilities', async () => {
    const markdown = await composeDocument('gap-analysis', tie, analysis, {
      requirements:
        '- Receive ADT^A04 registrations\n- Send discharge notifications to the GP over MESH\n- Receive lab results on MLLP\n- Encrypt messages with TLS',
    });
    assert.match(markdown, /4 requirements: \*\*2 met\*\*, \*\*0 partly met\*\*, \*\*2 gaps\*\*/);
    assert.match(markdown, /\| Receive ADT\^A04 registrations \| ❌ Gap \|/);
    assert.match(markdown, /\| Send discharge notifications to the GP over MESH \| ✅ Met \|/);
    assert.match(markdown, /\| Receive lab results on MLLP \| ✅ Met \| Receives ORU\^R01/);
  });

  it('should document the system with its interfaces, message formats and an architecture diagram', async () => {
    const markdown = await composeDocument('system-documentation', tie, analysis, {
      system: 'Northfield TIE',
      audience: 'service desk staff',
    });
    assert.match(markdown, /^# Northfield TIE: system documentation/);
    assert.match(markdown, /\| inbound \| MLLP \| MLLP :2575 \| ADT\^A01, ADT\^A03, ADT\^A08 \|/);
    assert.match(markdown, /\| PID \| .* \| PID-3, PID-5/);
    assert.match(markdown, /subgraph validator\["Validate"\]/);
    const analysed = await composeDocument('analysis', tie, analysis, {});
    assert.match(analysed, /## Architecture at a glance/);
    assert.match(analysed, /## Message flows/);
  });

  it('should recognise the data item a change is about', () => {
    assert.deepEqual(
      topicsOf('new patient identifier format').map((topic) => topic.fields),
      [['PID-3']],
    );
    assert.deepEqual(
      topicsOf('date of birth precision').map((topic) => topic.fields),
      [['PID-7']],
    );
    assert.match(topicsOf('switch the pharmacy formulary')[0]?.name ?? '', /pharmacy, formulary/);
  });
});
