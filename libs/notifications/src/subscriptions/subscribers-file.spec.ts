import { ConfigFileError, parseYamlConfig } from '@chipwatch/config';
import { generateWebhookSecret } from '../webhook.signature';
import { resolveSubscriber, subscribersFileSchema } from './subscribers-file';

const parse = (text: string, env: NodeJS.ProcessEnv) => parseYamlConfig(text, subscribersFileSchema(env), 'subscribers.yaml');
const issues = (text: string, env: NodeJS.ProcessEnv = {}) => {
  try {
    parse(text, env);
  } catch (error) {
    if (error instanceof ConfigFileError) return error.issues.map(({ line, key, message }) => ({ line, key, message }));
    throw error;
  }
  throw new Error('expected the file to be rejected');
};

describe('subscribers.yaml', () => {
  it('resolves credentials from the environment, never from the file', () => {
    const secret = generateWebhookSecret();
    const env = { DESK_SECRET: secret, TEAM_SLACK_URL: 'https://hooks.slack.com/services/T0/B0/abc' };
    const file = parse(
      [
        'subscribers:',
        '  - { id: desk, channel: webhook, url: "https://hooks.example.com/x", secretEnv: DESK_SECRET, minSeverity: high, rules: [export-controls-any] }',
        '  - { id: team, channel: slack, urlEnv: TEAM_SLACK_URL }',
        '  - { id: analyst, name: Analyst, channel: email, email: analyst@example.com }',
      ].join('\n'),
      env,
    );
    expect(file.subscribers.map((entry) => resolveSubscriber(entry, env))).toEqual([
      {
        key: 'desk',
        name: 'desk',
        channel: 'webhook',
        target: 'https://hooks.example.com/x',
        secret,
        minSeverity: 'high',
        rules: ['export-controls-any'],
      },
      { key: 'team', name: 'team', channel: 'slack', target: env.TEAM_SLACK_URL, minSeverity: 'low', rules: null },
      { key: 'analyst', name: 'Analyst', channel: 'email', target: 'analyst@example.com', minSeverity: 'low', rules: null },
    ]);
  });

  it('names the line and key of each problem', () => {
    const text = [
      'subscribers:',
      '  - id: desk',
      '    channel: webhook',
      '    url: "https://hooks.example.com/x"',
      '    secretEnv: NOT_SET',
      '  - id: desk',
      '    channel: slack',
      '    url: "https://hooks.slack.com/services/x"',
      '    urlEnv: ALSO_A_URL',
      '  - id: mail',
      '    channel: email',
      '    secret: whsec_inline',
    ].join('\n');
    expect(issues(text, { ALSO_A_URL: 'https://hooks.slack.com/services/y' })).toEqual([
      { line: 5, key: 'subscribers.0.secretEnv', message: 'environment variable NOT_SET is not set' },
      { line: 8, key: 'subscribers.1.url', message: 'expected exactly one of url and urlEnv for the slack channel' },
      { line: 12, key: 'subscribers.2.secret', message: 'unknown key "secret"' },
      { line: 10, key: 'subscribers.2.email', message: 'required for the email channel' },
      { line: 6, key: 'subscribers.1.id', message: 'duplicate id "desk"' },
    ]);
    expect(
      issues('subscribers:\n  - { id: a, channel: webhook, url: "https://x.example.com", secretEnv: WEAK }\n', {
        WEAK: 'whsec_c2hvcnQ=',
      })[0],
    ).toMatchObject({
      key: 'subscribers.0.secretEnv',
      message: expect.stringMatching(/does not hold a whsec_ secret/) as string,
    });
  });

  it('refuses two entries with one id', () => {
    const text = 'subscribers:\n  - { id: a, channel: email, email: a@example.com }\n  - { id: a, channel: email, email: b@example.com }\n';
    expect(issues(text)).toEqual([{ line: 3, key: 'subscribers.1.id', message: 'duplicate id "a"' }]);
  });
});
