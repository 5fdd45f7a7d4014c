import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditCsvHeader, auditCsvRow, csvCell } from './audit-csv.js';
import { auditRecordViewStub } from './audit.stub.js';

describe(csvCell.name, () => {
  it('should leave plain text and numbers as they are', () => {
    assert.equal(csvCell('role.granted'), 'role.granted');
    assert.equal(csvCell(42), '42');
    assert.equal(csvCell(null), '');
  });

  it('should quote commas, quotes and line breaks, doubling quotes', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('line\r\nbreak'), '"line\r\nbreak"');
  });

  it('should defuse text a spreadsheet would run as a formula', () => {
    assert.equal(csvCell('=HYPERLINK("http://evil")'), `"'=HYPERLINK(""http://evil"")"`);
    assert.equal(csvCell('+1'), "'+1");
    assert.equal(csvCell('-2+3'), "'-2+3");
    assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(csvCell('\tcmd'), "'\tcmd");
  });
});

describe(auditCsvRow.name, () => {
  it('should write one CRLF-terminated line per record, matching the header', () => {
    const header = auditCsvHeader();
    const row = auditCsvRow(auditRecordViewStub({ reason: 'because, "reasons"', after: { role: 'supervisor' } }));
    assert.ok(header.endsWith('\r\n'));
    assert.ok(row.endsWith('\r\n'));
    assert.match(header, /^sequence,occurred_at,actor_type,/);
    assert.match(row, /,"because, ""reasons""",/);
    assert.match(row, /,"{""role"":""supervisor""}",/);
  });
});
