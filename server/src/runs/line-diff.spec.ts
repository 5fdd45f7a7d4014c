import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { unifiedDiff } from './line-diff.js';

describe('unifiedDiff', () => {
  it('should print nothing for equal texts', () => {
    assert.equal(unifiedDiff('a\nb\n', 'a\nb\n', 'v1', 'v2'), '');
  });

  it('should print a changed line with its context as diff -u does', () => {
    const before = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'].join('\n');
    const after = ['one', 'two', 'three', 'four', 'FIVE', 'six', 'seven', 'eight', 'nine'].join('\n');
    assert.equal(
      unifiedDiff(before, after, 'v1', 'v2'),
      [
        '--- v1',
        '+++ v2',
        '@@ -2,7 +2,7 @@',
        ' two',
        ' three',
        ' four',
        '-five',
        '+FIVE',
        ' six',
        ' seven',
        ' eight',
        '',
      ].join('\n'),
    );
  });

  it('should keep distant changes in separate hunks and number added and removed lines', () => {
    const before = Array.from({ length: 20 }, (_, index) => `line ${index + 1}`);
    const after = [...before];
    after.splice(1, 1);
    after.push('line 21');
    const diff = unifiedDiff(before.join('\n'), after.join('\n'), 'a', 'b');
    assert.match(diff, /@@ -1,5 \+1,4 @@\n line 1\n-line 2\n line 3/);
    assert.match(diff, /@@ -18,3 \+17,4 @@\n line 18\n line 19\n line 20\n\+line 21\n$/);
  });

  it('should diff from and to an empty text', () => {
    assert.equal(unifiedDiff('', 'a\n', 'old', 'new'), '--- old\n+++ new\n@@ -0,0 +1 @@\n+a\n');
    assert.equal(unifiedDiff('a\nb', '', 'old', 'new'), '--- old\n+++ new\n@@ -1,2 +0,0 @@\n-a\n-b\n');
  });
});
