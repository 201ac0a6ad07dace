import { escapeHtml, renderAlertEmail } from './email.message';
import { buildTestNotice } from './delivery/alert-notice';
import { alertNotice, updatedNotice } from './testing/alert-notice.fixture';

describe('renderAlertEmail', () => {
  it('puts severity and title in the subject', () => {
    expect(renderAlertEmail(alertNotice()).subject).toBe(
      '[chipwatch] MEDIUM: EUA restringem exportação de chips H20 & <B30A> da "NVIDIA" à China',
    );
    expect(renderAlertEmail(updatedNotice()).subject).toMatch(/^\[chipwatch\] Updated, CRITICAL: EUA restringem/);
  });

  it('keeps the subject on one line whatever the title holds', () => {
    const base = alertNotice();
    const { subject } = renderAlertEmail({ ...base, story: { ...base.story, title: 'Line one\r\nBcc: victim@example.com\u0000' } });
    expect(subject).toBe('[chipwatch] MEDIUM: Line one Bcc: victim@example.com');
  });

  it('escapes every story string in the HTML and links only to the story', () => {
    const { html } = renderAlertEmail(alertNotice());
    expect(html).toContain(
      '<a href="https://news.example.com/tech/2025/06/chips?id=42&amp;ref=rss" style="color:#0b57d0">EUA restringem exportação de chips H20 &amp; &lt;B30A&gt; da &quot;NVIDIA&quot; à China</a>',
    );
    expect(html).toContain('<td style="padding:2px 0">Mercado &amp; Tecnologia</td>');
    expect(html).toContain('O Departamento de Comércio &lt;BIS&gt; publicou novas regras &amp; licenças.');
    expect(html).toContain('<li>&ldquo;Departamento de Comércio &lt;BIS&gt;&rdquo; (us-gov)</li>');
    expect(html).not.toContain('<B30A>');
    expect(html).not.toContain('<BIS>');
  });

  it('loads nothing remote: no images, stylesheets, scripts or iframes', () => {
    const { html } = renderAlertEmail(alertNotice());
    expect(html).not.toMatch(/<img|<link|<script|<iframe|url\(|src=/i);
    expect(html.match(/href="([^"]*)"/g)).toEqual(['href="https://news.example.com/tech/2025/06/chips?id=42&amp;ref=rss"']);
  });

  it('turns a hostile story into inert text', () => {
    const base = alertNotice();
    const { html } = renderAlertEmail({
      ...base,
      story: { ...base.story, title: '<img src=x onerror=alert(1)>', url: 'javascript:alert(1)', summary: '<script>x</script>' },
    });
    expect(html).not.toMatch(/<img|<script|javascript:/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('has a plain text body with the same facts', () => {
    const { text } = renderAlertEmail(alertNotice());
    expect(text).toContain('New alert (MEDIUM)');
    expect(text).toContain(
      'EUA restringem exportação de chips H20 & <B30A> da "NVIDIA" à China\nhttps://news.example.com/tech/2025/06/chips?id=42&ref=rss',
    );
    expect(text).toContain(
      'Severity: MEDIUM\nSource: Mercado & Tecnologia\nRules: nvidia-china\nPublished: 2025-06-02T09:58:00.000Z\nScore: 0.93',
    );
    expect(text).toContain('- "restringem exportação" (export-control)');
    expect(text).not.toContain('licensing'); // the fourth quote: 3 by default
  });

  it('marks a test notification in the subject, the text and the HTML, and names no alert', () => {
    const { subject, text, html } = renderAlertEmail(buildTestNotice('2025-06-02T10:05:00.000Z'));
    expect(subject).toBe('[chipwatch] Test: chipwatch test notification');
    expect(text.split('\n')[0]).toBe('Test notification (not an alert)');
    expect(text).toContain('No alert was raised.');
    expect(html).toContain('Test notification &middot; not an alert');
    expect(`${text}${html}`).not.toMatch(/chipwatch alert|Severity|href=/);
  });

  it('escapeHtml escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
