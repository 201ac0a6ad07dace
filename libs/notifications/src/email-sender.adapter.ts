import { performance } from 'node:perf_hooks';
import * as nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { DeliveryError, DeliveryErrorCode } from './delivery.error';
import type { AlertEmail } from './email.message';

/** SMTP settings, from the operator's config (not from subscribers). */
export interface EmailTransportSettings {
  host: string;
  port: number;
  /** Implicit TLS (port 465). When false, STARTTLS is still used if the server offers it. */
  secure: boolean;
  user?: string;
  pass?: string;
  /** The From address, e.g. `chipwatch <alerts@example.org>`. */
  from: string;
}

export interface EmailSenderOptions {
  /**
   * Time to open the connection.
   * @defaultValue 10000
   */
  connectionTimeoutMs?: number;
  /**
   * Time for the server's greeting after connecting.
   * @defaultValue 10000
   */
  greetingTimeoutMs?: number;
  /**
   * Idle time allowed on the socket during a transaction.
   * @defaultValue 30000
   */
  socketTimeoutMs?: number;
  /**
   * Refuse to send without TLS (STARTTLS required when `secure` is false).
   * @defaultValue false
   */
  requireTLS?: boolean;
  /**
   * Parallel SMTP connections kept in the pool.
   * @defaultValue 2
   */
  maxConnections?: number;
}

export interface EmailSendRequest {
  /** One address: a list could turn one subscription into a mailing list. */
  to: string;
  message: AlertEmail;
  /**
   * Message-ID to use, derived from the delivery id, so a retried send that did arrive is
   * recognisably the same message. Without angle brackets: `delivery-id@chipwatch`.
   */
  messageId?: string;
}

export interface EmailSendResult {
  messageId: string;
  /** The server's last reply, e.g. `250 OK: queued as …`. */
  response: string;
  accepted: string[];
  ms: number;
}

/** A single bare address; display names and lists are refused, they come from subscriptions. */
const SINGLE_ADDRESS = /^[^\s@,;:<>()"[\]\\]+@[^\s@,;:<>()"[\]\\]+\.[^\s@,;:<>()"[\]\\]+$/;

interface SmtpErrorLike {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  message?: string;
}

/** Maps nodemailer's errors: SMTP 5xx replies are final, 4xx and transport trouble are retried. */
function smtpFailure(error: unknown, ms: number): DeliveryError {
  const e = (error ?? {}) as SmtpErrorLike;
  const smtpCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const reply = e.response ? `: ${e.response}` : e.message ? `: ${e.message}` : '';
  let code: DeliveryErrorCode;
  if (smtpCode !== undefined && smtpCode >= 500) code = 'smtp-rejected';
  else if (smtpCode !== undefined) code = 'smtp';
  else if (e.code === 'EAUTH' || e.code === 'ENOAUTH' || e.code === 'EENVELOPE') code = 'smtp-rejected';
  else if (e.code === 'ETIMEDOUT') code = 'timeout';
  else if (e.code === 'EDNS') code = 'dns';
  else if (e.code === 'ETLS') code = 'tls';
  else if (e.code === 'ECONNECTION' || e.code === 'ESOCKET') code = 'connection';
  else code = 'smtp';
  const what = e.command ? ` (${e.command})` : '';
  return new DeliveryError(code, `SMTP delivery failed${what}${reply}`, {
    ms,
    cause: error,
    ...(smtpCode !== undefined ? { smtpCode } : {}),
  });
}

/**
 * Sends alert emails over SMTP through one pooled nodemailer transport. `close()` on shutdown
 * ends the pooled connections.
 */
export class EmailSender {
  private readonly transport: Transporter<SMTPPool.SentMessageInfo>;

  constructor(
    private readonly settings: EmailTransportSettings,
    options: EmailSenderOptions = {},
  ) {
    const poolOptions: SMTPPool.Options = {
      pool: true,
      maxConnections: options.maxConnections ?? 2,
      host: settings.host,
      port: settings.port,
      secure: settings.secure,
      requireTLS: options.requireTLS ?? false,
      connectionTimeout: options.connectionTimeoutMs ?? 10_000,
      greetingTimeout: options.greetingTimeoutMs ?? 10_000,
      socketTimeout: options.socketTimeoutMs ?? 30_000,
      // Our messages carry no attachments: never let message content make nodemailer read a
      // file or fetch a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
      ...(settings.user !== undefined ? { auth: { user: settings.user, pass: settings.pass ?? '' } } : {}),
    };
    this.transport = nodemailer.createTransport(poolOptions);
  }

  async send(request: EmailSendRequest): Promise<EmailSendResult> {
    if (!SINGLE_ADDRESS.test(request.to)) {
      throw new DeliveryError('invalid-target', 'the recipient must be one plain email address');
    }
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let info: SMTPPool.SentMessageInfo;
    try {
      info = await this.transport.sendMail({
        from: this.settings.from,
        to: request.to,
        subject: request.message.subject,
        text: request.message.text,
        html: request.message.html,
        ...(request.messageId ? { messageId: `<${request.messageId}>` } : {}),
        // RFC 3834: tells autoresponders (out-of-office) not to answer.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      throw smtpFailure(error, elapsed());
    }
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length > 0) {
      throw new DeliveryError('smtp-rejected', `SMTP server rejected ${rejected.join(', ')}`, { ms: elapsed() });
    }
    return {
      messageId: info.messageId,
      response: info.response,
      accepted: (info.accepted ?? []).map((a: unknown) => (typeof a === 'string' ? a : String((a as { address?: unknown }).address))),
      ms: elapsed(),
    };
  }

  /** Ends pooled connections; further sends fail. */
  close(): void {
    this.transport.close();
  }
}
