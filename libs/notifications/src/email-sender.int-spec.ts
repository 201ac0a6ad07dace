import type { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerOptions, SMTPServerSession } from 'smtp-server';
import { DeliveryError } from './delivery.error';
import { nextAttempt } from './delivery.policy';
import { renderAlertEmail } from './email.message';
import { EmailSender, EmailTransportSettings } from './email-sender.adapter';
import { alertNotice } from './testing/alert-notice.fixture';
import { closedPort } from './testing/http-receiver';
import { MimePart, parseMime } from './testing/mime';

interface Captured {
  from: string;
  to: string[];
  raw: string;
  user?: string;
}

async function startSmtp(options: SMTPServerOptions): Promise<{ server: SMTPServer; port: number; captured: Captured[] }> {
  const captured: Captured[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    logger: false,
    ...options,
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        captured.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
          user: session.user as string | undefined,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.server.address() as AddressInfo).port, captured };
}

function stop(server: SMTPServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

async function deliveryError(promise: Promise<unknown>): Promise<DeliveryError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }
  throw new Error('expected a DeliveryError');
}

function part(mime: MimePart, type: string): MimePart {
  const found = mime.parts.find((p) => (p.headers.get('content-type') ?? '').startsWith(type));
  if (!found) throw new Error(`no ${type} part`);
  return found;
}

const middle = () => 0.5;

describe('EmailSender against a local smtp-server', () => {
  it('delivers an HTML + text message with subject, from and to', async () => {
    const { server, port, captured } = await startSmtp({ authOptional: true });
    const settings: EmailTransportSettings = { host: '127.0.0.1', port, secure: false, from: 'chipwatch <alerts@chipwatch.example>' };
    const sender = new EmailSender(settings);
    try {
      const message = renderAlertEmail(alertNotice());
      const result = await sender.send({ to: 'analyst@example.org', message, messageId: 'dlv_0f1e2d3c@chipwatch' });
      expect(result.accepted).toEqual(['analyst@example.org']);
      expect(result.messageId).toBe('<dlv_0f1e2d3c@chipwatch>');
      expect(result.response).toMatch(/^250/);

      expect(captured).toHaveLength(1);
      expect(captured[0].from).toBe('alerts@chipwatch.example');
      expect(captured[0].to).toEqual(['analyst@example.org']);
      const mime = parseMime(captured[0].raw);
      expect(mime.headers.get('subject')).toBe('[chipwatch] MEDIUM: EUA restringem exportação de chips H20 & <B30A> da "NVIDIA" à China');
      expect(mime.headers.get('from')).toBe('chipwatch <alerts@chipwatch.example>');
      expect(mime.headers.get('to')).toBe('analyst@example.org');
      expect(mime.headers.get('message-id')).toBe('<dlv_0f1e2d3c@chipwatch>');
      expect(mime.headers.get('auto-submitted')).toBe('auto-generated');
      expect(mime.headers.get('content-type')).toMatch(/^multipart\/alternative/);

      const text = part(mime, 'text/plain').body;
      expect(text.trimEnd()).toBe(message.text.trimEnd().replace(/\n/g, '\r\n'));
      expect(text).toContain('EUA restringem exportação de chips H20 & <B30A> da "NVIDIA" à China');
      const html = part(mime, 'text/html').body;
      expect(html).toContain('EUA restringem exportação de chips H20 &amp; &lt;B30A&gt; da &quot;NVIDIA&quot; à China</a>');
      expect(html).not.toMatch(/<img|src=/i);
    } finally {
      sender.close();
      await stop(server);
    }
  });

  it('authenticates with user and pass, and treats refused credentials as final', async () => {
    const { server, port, captured } = await startSmtp({
      authMethods: ['PLAIN', 'LOGIN'],
      allowInsecureAuth: true,
      onAuth(auth, _session, callback) {
        if (auth.username === 'mailer' && auth.password === 'right') return callback(null, { user: 'mailer' });
        callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
      },
    });
    const base = { host: '127.0.0.1', port, secure: false, from: 'alerts@chipwatch.example' };
    const good = new EmailSender({ ...base, user: 'mailer', pass: 'right' });
    const bad = new EmailSender({ ...base, user: 'mailer', pass: 'wrong' });
    try {
      await good.send({ to: 'analyst@example.org', message: renderAlertEmail(alertNotice()) });
      expect(captured[0].user).toBe('mailer');
      const error = await deliveryError(bad.send({ to: 'analyst@example.org', message: renderAlertEmail(alertNotice()) }));
      expect(error).toMatchObject({ code: 'smtp-rejected', smtpCode: 535 });
      expect(error.message).not.toContain('wrong');
      expect(nextAttempt({ attempt: 1, error, random: middle }).reason).toBe('permanent');
    } finally {
      good.close();
      bad.close();
      await stop(server);
    }
  });

  it('treats a 5xx recipient refusal as final and a 4xx one as retryable', async () => {
    const { server, port, captured } = await startSmtp({
      authOptional: true,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('gone')) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
        if (address.address.startsWith('full')) return callback(Object.assign(new Error('Mailbox full, try later'), { responseCode: 452 }));
        callback();
      },
    });
    const sender = new EmailSender({ host: '127.0.0.1', port, secure: false, from: 'alerts@chipwatch.example' });
    try {
      const gone = await deliveryError(sender.send({ to: 'gone@example.org', message: renderAlertEmail(alertNotice()) }));
      expect(gone).toMatchObject({ code: 'smtp-rejected', smtpCode: 550 });
      expect(nextAttempt({ attempt: 1, error: gone, random: middle }).reason).toBe('permanent');
      const full = await deliveryError(sender.send({ to: 'full@example.org', message: renderAlertEmail(alertNotice()) }));
      expect(full).toMatchObject({ code: 'smtp', smtpCode: 452 });
      expect(nextAttempt({ attempt: 1, error: full, random: middle }).reason).toBe('retry');
      expect(captured).toHaveLength(0);
    } finally {
      sender.close();
      await stop(server);
    }
  });

  it('retries when the server cannot be reached', async () => {
    const port = await closedPort();
    const sender = new EmailSender({ host: '127.0.0.1', port, secure: false, from: 'alerts@chipwatch.example' });
    try {
      const error = await deliveryError(sender.send({ to: 'analyst@example.org', message: renderAlertEmail(alertNotice()) }));
      expect(error.code).toBe('connection');
      expect(nextAttempt({ attempt: 1, error, random: middle }).reason).toBe('retry');
    } finally {
      sender.close();
    }
  });

  it('refuses anything but one plain address, without connecting', async () => {
    const port = await closedPort();
    const sender = new EmailSender({ host: '127.0.0.1', port, secure: false, from: 'alerts@chipwatch.example' });
    try {
      for (const to of ['a@example.org, b@example.org', 'Name <a@example.org>', 'a@example.org\r\nBcc: b@example.org', 'nobody']) {
        expect((await deliveryError(sender.send({ to, message: renderAlertEmail(alertNotice()) }))).code).toBe('invalid-target');
      }
    } finally {
      sender.close();
    }
  });
});
