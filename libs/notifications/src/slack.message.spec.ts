import { buildSlackMessage, escapeSlackText } from './slack.message';
import { buildTestNotice } from './delivery/alert-notice';
import { alertNotice, updatedNotice } from './testing/alert-notice.fixture';

function allText(message: ReturnType<typeof buildSlackMessage>): string[] {
  const texts: string[] = [message.text];
  for (const block of message.blocks) {
    if ('text' in block && block.text) texts.push(block.text.text);
    if ('fields' in block && block.fields) texts.push(...block.fields.map((f) => f.text));
    if ('elements' in block) texts.push(...block.elements.map((e) => e.text));
  }
  return texts;
}

describe('escapeSlackText', () => {
  it('escapes &, < and >', () => {
    expect(escapeSlackText('a & b <!channel> <https://evil|click> &amp;')).toBe(
      'a &amp; b &lt;!channel&gt; &lt;https://evil|click&gt; &amp;amp;',
    );
  });
});

describe('buildSlackMessage', () => {
  it('links the title, and shows severity, source, rules and evidence, with a text fallback', () => {
    const message = buildSlackMessage(alertNotice());
    expect(message.unfurl_links).toBe(false);
    const [head, evidence, context] = message.blocks;
    expect(head).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: '*<https://news.example.com/tech/2025/06/chips?id=42&amp;ref=rss|EUA restringem exportação de chips H20 &amp; &lt;B30A&gt; da "NVIDIA" à China>*',
      },
      fields: [
        { type: 'mrkdwn', text: '*Severity*\nMEDIUM' },
        { type: 'mrkdwn', text: '*Source*\nMercado &amp; Tecnologia' },
        { type: 'mrkdwn', text: '*Rules*\nnvidia-china' },
        { type: 'mrkdwn', text: '*Published*\n2025-06-02T09:58:00.000Z' },
      ],
    });
    expect(evidence).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          '*Evidence*\n' +
          '• “restringem exportação” _(export-control)_\n' +
          '• “chips H20” _(ai-chip)_\n' +
          '• “Departamento de Comércio &lt;BIS&gt;” _(us-gov)_',
      },
    });
    expect(context).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'chipwatch alert a1b2c3d4e5f6a1b2c3d4e5f6 · score 0.93' }],
    });
    expect(message.text).toBe(
      '[MEDIUM] EUA restringem exportação de chips H20 &amp; &lt;B30A&gt; da "NVIDIA" à China (Mercado &amp; Tecnologia)',
    );
  });

  it('leaves no raw control character from story data anywhere', () => {
    const base = alertNotice();
    const hostile = {
      ...base,
      story: { ...base.story, title: '<!channel> <https://evil.example|log in> & win', feedTitle: '<@U123>' },
      classification: { ...base.classification, evidence: [{ text: '<!here>', field: 'title', concept: '<x>', weight: 1 }] },
    };
    const message = buildSlackMessage(hostile);
    for (const text of allText(message)) {
      // The only `<…>` left is our own link around the title.
      const stripped = text.replace(/<https:\/\/news\.example\.com\/[^|>]*\|/, '').replace(/>\*$/, '');
      expect(stripped).not.toMatch(/[<>]/);
      expect(stripped.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    }
  });

  it('marks an update and lists all rules', () => {
    const message = buildSlackMessage(updatedNotice());
    const head = message.blocks[0] as { text: { text: string }; fields: Array<{ text: string }> };
    expect(head.text.text.startsWith('*Updated:* *<https://')).toBe(true);
    expect(head.fields[0].text).toBe('*Severity*\nCRITICAL');
    expect(head.fields[2].text).toBe('*Rules*\nnvidia-china, entity-list-critical');
    expect(message.text.startsWith('[CRITICAL] Updated: ')).toBe(true);
  });

  it('marks a test notification in the text, the fallback and the context, and names no alert', () => {
    const message = buildSlackMessage(buildTestNotice('2025-06-02T10:05:00.000Z'));
    expect(message.text).toBe('[TEST] chipwatch test notification');
    expect(message.blocks).toEqual([
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: '*Test:* *chipwatch test notification*\nThis is a test of your chipwatch subscription. No alert was raised.',
        },
      },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'chipwatch test notification · sent 2025-06-02T10:05:00.000Z · not an alert' }],
      },
    ]);
  });

  it('does not link a non-http URL and encodes | inside a URL', () => {
    const base = alertNotice();
    const plain = buildSlackMessage({ ...base, story: { ...base.story, url: 'javascript:alert(1)' } });
    expect((plain.blocks[0] as { text: { text: string } }).text.text).toBe(
      '*EUA restringem exportação de chips H20 &amp; &lt;B30A&gt; da "NVIDIA" à China*',
    );
    const piped = buildSlackMessage({ ...base, story: { ...base.story, url: 'https://x.example/a|b?c=|' } });
    expect((piped.blocks[0] as { text: { text: string } }).text.text).toContain('<https://x.example/a%7Cb?c=%7C|');
  });

  it('truncates long titles by code point, shows evidence only when there is some, and respects maxEvidence', () => {
    const base = alertNotice();
    const long = buildSlackMessage({
      ...base,
      story: { ...base.story, title: '😀'.repeat(400) },
      classification: { ...base.classification, evidence: [] },
    });
    const text = (long.blocks[0] as { text: { text: string } }).text.text;
    expect(text).toContain('😀'.repeat(249) + '…');
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(long.blocks).toHaveLength(2);
    const one = buildSlackMessage(base, { maxEvidence: 1 });
    expect((one.blocks[1] as { text: { text: string } }).text.text.split('\n')).toHaveLength(2);
  });
});
