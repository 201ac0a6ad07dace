import * as dns from 'node:dns';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SubscriptionService } from '@chipwatch/notifications';
import { EXAMPLE_ALERT_ID } from '../../apps/api/src/alerts/alerts.schema';
import { EXAMPLE_FEED_ID } from '../../apps/api/src/feeds/feeds.schema';
import { registeredRoutes } from '../../apps/api/src/http/http-server';
import { openApiPath, type OpenApiDocument, type OpenApiParameter } from '../../apps/api/src/http/openapi-document';
import { EXAMPLE_STORY_ID } from '../../apps/api/src/stories/stories.schema';
import { EXAMPLE_SUBSCRIPTION_ID } from '../../apps/api/src/subscriptions/subscriptions.schema';
import { startApp, type RunningApp } from '../support/running-app';
import { WebhookReceiver } from '../support/webhook-receiver';

const ROOT = join(__dirname, '..', '..');
/** Swagger UI's own files, which SwaggerModule registers beside /docs: the UI, not the API. */
const SWAGGER_UI_FILES = [
  '/docs/',
  '/docs/*',
  '/docs/index.html',
  '/docs/LICENSE',
  '/docs/swagger-ui-init.js',
  '/docs/docs/swagger-ui-init.js',
];
/** Public documentation host names the examples use, and a public address for them (this machine may have no DNS). */
const EXAMPLE_HOSTS = /(^|\.)(example\.com|slack\.com)$/;

interface ExampleRequest {
  operation: string;
  name: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  successes: number[];
}

/** Every whole request the document's named examples describe, one per example name of each operation. */
function exampleRequests(document: OpenApiDocument): ExampleRequest[] {
  const requests: ExampleRequest[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const { parameters } = operation;
      const content = operation.requestBody?.content ?? {};
      const names = new Set<string>();
      for (const parameter of parameters) Object.keys(parameter.examples ?? {}).forEach((name) => names.add(name));
      for (const media of Object.values(content)) Object.keys(media.examples ?? {}).forEach((name) => names.add(name));
      if (names.size === 0) names.add('(no parameters)');
      for (const name of names) {
        // A required parameter the example leaves out takes the first example given for it.
        const valueOf = (parameter: OpenApiParameter) =>
          (parameter.examples?.[name] ?? (parameter.required ? Object.values(parameter.examples ?? {})[0] : undefined))?.value as
            string | undefined;
        let url = path;
        const query = new URLSearchParams();
        const headers: Record<string, string> = {};
        for (const parameter of parameters) {
          const value = valueOf(parameter);
          if (value === undefined) continue;
          if (parameter.in === 'path') url = url.replace(`{${parameter.name}}`, encodeURIComponent(value));
          if (parameter.in === 'query') query.set(parameter.name, value);
          if (parameter.in === 'header') headers[parameter.name] = value;
        }
        const [mediaType, media] = Object.entries(content).find(([, m]) => m.examples?.[name]) ?? [];
        const value = media?.examples?.[name].value;
        if (mediaType) headers['content-type'] = mediaType;
        const body = value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
        const successes = Object.keys(operation.responses)
          .filter((status) => status.startsWith('2'))
          .map(Number);
        const search = query.size > 0 ? `?${query.toString()}` : '';
        requests.push({
          operation: `${method.toUpperCase()} ${path}`,
          name,
          method: method.toUpperCase(),
          url: url + search,
          headers,
          body,
          successes,
        });
      }
    }
  }
  // A removal last: the other examples need what it removes.
  return requests.sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));
}

describe('the OpenAPI document against the running app', () => {
  let running: RunningApp;
  let receiver: WebhookReceiver;
  let configDir: string;
  let document: OpenApiDocument;
  const api = (path: string, init?: RequestInit) => fetch(running.baseUrl + path, init);

  beforeAll(async () => {
    const lookup = dns.promises.lookup.bind(dns.promises);
    jest
      .spyOn(dns.promises, 'lookup')
      .mockImplementation(((host: string, options: dns.LookupAllOptions) =>
        EXAMPLE_HOSTS.test(host)
          ? Promise.resolve([{ address: '93.184.215.14', family: 4 }])
          : lookup(host, options)) as typeof dns.promises.lookup);
    receiver = await new WebhookReceiver().start();
    configDir = mkdtempSync(join(tmpdir(), 'chipwatch-cfg-'));
    copyFileSync(join(ROOT, 'config', 'rules.yaml'), join(configDir, 'rules.yaml'));
    writeFileSync(
      join(configDir, 'feeds.yaml'),
      `feeds:\n  - { id: ${EXAMPLE_FEED_ID}, url: "http://127.0.0.1:9/feed.xml", interval: 1h }\n`,
    );
    running = await startApp({ CHIPWATCH_CONFIG_DIR: configDir, CHIPWATCH_WEBHOOK_ALLOW_PRIVATE: '1' });
    await seedExampleResources();
    document = (await (await api('/docs/openapi.json')).json()) as OpenApiDocument;
  });

  afterAll(async () => {
    await running?.close();
    await receiver.stop();
    rmSync(configDir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  /** What the examples name: a story, an alert on it, a feed's stream, a subscription. */
  async function seedExampleResources(): Promise<void> {
    const { store } = running;
    const story = {
      storyId: EXAMPLE_STORY_ID,
      feedId: EXAMPLE_FEED_ID,
      guid: null,
      url: 'https://news.example.com/entity-list',
      title: 'US adds Chinese chip firms to the Entity List',
      summary: 'New export controls on AI chips.',
      language: 'en',
      publishedAt: '2026-11-29T10:00:00.000Z',
    };
    await store.append(`story-${EXAMPLE_STORY_ID}`, [{ type: 'StoryDiscovered', data: story }]);
    await store.append(`alert-${EXAMPLE_ALERT_ID}`, [
      {
        type: 'AlertRaised',
        data: {
          alertId: EXAMPLE_ALERT_ID,
          ruleId: 'export-controls-any',
          ruleHash: 'abc123',
          severity: 'medium',
          storyId: EXAMPLE_STORY_ID,
          clusterId: EXAMPLE_STORY_ID,
          title: story.title,
          url: story.url,
          feedId: EXAMPLE_FEED_ID,
          score: 0.9,
          subtopics: [],
          evidence: [],
          reasons: [],
          throttleWindow: null,
          windowStart: null,
        },
      },
    ]);
    await store.append(`feed-${EXAMPLE_FEED_ID}`, [{ type: 'FeedPolled', data: { feedId: EXAMPLE_FEED_ID } }]);
    await running.app
      .get(SubscriptionService)
      .create({ name: 'desk', channel: 'webhook', url: receiver.url, minSeverity: 'low' }, 'api', EXAMPLE_SUBSCRIPTION_ID);
  }

  it('documents every route the app serves, with its path parameters, a 2xx schema and the error answers', () => {
    const served = registeredRoutes(running.app).filter((route) => route.method !== 'HEAD' && !SWAGGER_UI_FILES.includes(route.url));
    expect(served.length).toBeGreaterThan(20);
    for (const { method, url } of served) {
      const operation = document.paths[openApiPath(url)]?.[method.toLowerCase()];
      expect({ route: `${method} ${url}`, documented: operation !== undefined }).toEqual({ route: `${method} ${url}`, documented: true });
      if (!operation) continue;
      const pathNames = [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]);
      expect(operation.parameters.filter((p) => p.in === 'path').map((p) => p.name)).toEqual(pathNames);
      for (const parameter of operation.parameters) expect(parameter.schema).toEqual(expect.any(Object));
      const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'))?.[1];
      expect(success).toBeDefined();
      if (method !== 'DELETE') expect(Object.values(success?.content ?? {}).map((media) => typeof media.schema)).toEqual(['object']);
      const errors = [
        500,
        ...(operation.security?.length === 0 ? [] : [401]),
        ...(pathNames.length ? [400, 404] : []),
        ...(operation.requestBody ? [400, 413, 415] : []),
      ];
      for (const status of errors)
        expect(operation.responses[status]?.content?.['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    }
  });

  it('documents the query parameters each route validates: an unknown one is refused by name', async () => {
    for (const [path, item] of Object.entries(document.paths)) {
      const operation = item.get;
      if (!operation?.parameters.some((p) => p.in === 'query') || path.includes('{')) continue;
      const response = await api(`${path}?notDocumented=1`, { signal: AbortSignal.timeout(5_000) });
      expect({ path, status: response.status, body: await response.text() }).toMatchObject({
        path,
        status: 400,
        body: expect.stringContaining('"parameter":"notDocumented"') as string,
      });
    }
  });

  it('documents a body schema for each media type a route takes', () => {
    for (const item of Object.values(document.paths)) {
      for (const operation of Object.values(item)) {
        for (const media of Object.values(operation.requestBody?.content ?? {})) expect(media.schema).toEqual(expect.any(Object));
      }
    }
  });

  it('has every example accepted by the route it documents', async () => {
    const requests = exampleRequests(document);
    expect(requests.filter((request) => request.body !== undefined).length).toBeGreaterThanOrEqual(7);
    for (const request of requests) {
      const controller = new AbortController();
      const response = await api(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
      });
      const detail = response.headers.get('content-type')?.startsWith('text/event-stream') ? '(stream)' : await response.text();
      controller.abort();
      const example = `${request.operation} ${request.name}`;
      expect({ example, accepted: request.successes.includes(response.status), status: response.status, detail }).toMatchObject({
        example,
        accepted: true,
      });
    }
    expect(running.mismatches).toEqual([]);
  });

  it('serves Swagger UI at /docs from its own files, with no CDN', async () => {
    const html = await (await api('/docs')).text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets.length).toBeGreaterThan(2);
    expect(assets.filter((asset) => /^(https?:)?\/\//.test(asset))).toEqual([]);
    expect((await api('/docs/no-such-file.js')).status).toBe(404);
    for (const asset of assets)
      expect({ asset, status: (await api(new URL(asset, `${running.baseUrl}/docs`).pathname)).status }).toEqual({ asset, status: 200 });
  });
});
