import { describe, expect, it } from 'vitest';
import { highlightLines, splitHighlightedLines } from './code-view';

describe('highlightLines', () => {
  it('should colour known languages and keep one entry per line', () => {
    const lines = highlightLines('const port = 2575;\n// MLLP\nlisten(port);', 'javascript');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('<span class="hljs-keyword">const</span>');
    expect(lines[1]).toContain('hljs-comment');
  });

  it('should escape text in a language it does not know, such as HL7', () => {
    const lines = highlightLines('MSH|^~\\&|PAS|<script>alert(1)</script>', 'plaintext');
    expect(lines).toEqual(['MSH|^~\\&amp;|PAS|&lt;script&gt;alert(1)&lt;/script&gt;']);
  });

  it('should close and reopen a span that runs across lines', () => {
    expect(splitHighlightedLines('<span class="c">/* a\nb */</span> x')).toEqual([
      '<span class="c">/* a</span>',
      '<span class="c">b */</span> x',
    ]);
  });
});
