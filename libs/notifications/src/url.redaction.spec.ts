import { redactUrl } from './url.redaction';

describe('redactUrl', () => {
  it('hides the secret segment of a Slack webhook URL, keeping team and channel ids', () => {
    expect(redactUrl('https://hooks.slack.com/services/T0A1B2C3D/B0E4F5G6H/abcdEFGHijklMNOPqrstUVWX')).toBe(
      'https://hooks.slack.com/services/T0A1B2C3D/B0E4F5G6H/***',
    );
    expect(redactUrl('https://hooks.slack.com/workflows/T0A1B2C3D/A0123/456/xyz')).toBe(
      'https://hooks.slack.com/workflows/T0A1B2C3D/A0123/456/***',
    );
  });

  it('hides userinfo, query values, fragments and token-like path segments', () => {
    expect(redactUrl('https://alice:s3cret@hooks.example.com:8443/in?token=abc&channel=ops#frag')).toBe(
      'https://***@hooks.example.com:8443/in?token=***&channel=***',
    );
    expect(redactUrl('https://discord.com/api/webhooks/1234567890/Ab3dEf6hIj9kLm2nOp5qRs8tUv')).toBe(
      'https://discord.com/api/webhooks/1234567890/***',
    );
    expect(redactUrl('https://example.com/hooks/chipwatch-alerts')).toBe('https://example.com/hooks/chipwatch-alerts');
  });

  it('never echoes an unparseable or non-http input', () => {
    expect(redactUrl('not a url with secret')).toBe('[invalid URL]');
    expect(redactUrl('mailto:a@example.com?subject=secret')).toBe('mailto:***');
  });

  it('accepts URL objects', () => {
    expect(redactUrl(new URL('http://u:p@127.0.0.1:9/x'))).toBe('http://***@127.0.0.1:9/x');
  });
});

describe('redactUrl on Slack-like paths elsewhere', () => {
  it('hides the last segment of /services/… and long mixed-case tokens on any host', () => {
    expect(redactUrl('http://127.0.0.1:8080/services/T0A1B2C3D/B0E4F5G6H/abcdEFGHijklMNOPqrstUVWX')).toBe(
      'http://127.0.0.1:8080/services/T0A1B2C3D/B0E4F5G6H/***',
    );
    expect(redactUrl('https://chat.example.org/hooks/abcdEFGHijklMNOPqrstUVWX')).toBe('https://chat.example.org/hooks/***');
    expect(redactUrl('https://example.com/chipwatch-alerts-production')).toBe('https://example.com/chipwatch-alerts-production');
  });
});
