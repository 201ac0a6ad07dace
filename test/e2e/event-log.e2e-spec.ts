import { startApp, type RunningApp } from '../support/running-app';

describe('event log over REST', () => {
  let running: RunningApp;
  /** Events the app records at start (the active rule set) come before the test's own. */
  let base = 0;

  beforeAll(async () => {
    running = await startApp();
    const { store } = running;
    base = await store.headPosition();
    for (let i = 0; i < 5; i++) {
      await store.append(`feed-f${i % 2}`, [{ type: 'FeedPolled', data: { feedId: `f${i % 2}`, i } }]);
      await store.append(`story-s${i}`, [{ type: 'StoryDiscovered', data: { storyId: `s${i}`, title: `Story ${i}` } }]);
    }
  });

  afterAll(() => running.close());

  const get = (path: string, init?: RequestInit) => fetch(running.baseUrl + path, init);

  it('pages through the whole log with after/limit and next', async () => {
    const seen: number[] = [];
    let after = 0;
    let pages = 0;
    for (;;) {
      const response = await get(`/events?after=${after || base}&limit=3`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as { events: { position: number }[]; next: number | null };
      seen.push(...body.events.map((e) => e.position));
      pages++;
      if (body.next === null) break;
      after = body.next;
    }
    expect(seen).toHaveLength(10);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(10);
    expect(pages).toBe(4);
  });

  it('returns the documented event shape', async () => {
    const body = (await (await get(`/events?after=${base}&limit=1`)).json()) as { events: Record<string, unknown>[]; next: number };
    expect(Object.keys(body.events[0])).toEqual(
      expect.arrayContaining(['position', 'streamId', 'streamVersion', 'type', 'data', 'metadata', 'recordedAt']),
    );
    expect(body.events[0]).toMatchObject({ position: base + 1, streamId: 'feed-f0', streamVersion: 1, type: 'FeedPolled' });
    expect(body.next).toBe(base + 1);
  });

  it('filters by type and stream', async () => {
    const byType = (await (await get('/events?type=StoryDiscovered,StoryClassified')).json()) as { events: { type: string }[] };
    expect(byType.events).toHaveLength(5);
    expect(byType.events.every((e) => e.type === 'StoryDiscovered')).toBe(true);
    const byStream = (await (await get('/events?stream=feed-f1')).json()) as { events: { data: { i: number } }[]; next: null };
    expect(byStream.events.map((e) => e.data.i)).toEqual([1, 3]);
    expect(byStream.next).toBeNull();
  });

  it.each([
    ['/events?limit=0', 'limit'],
    ['/events?limit=1001', 'limit'],
    ['/events?limit=abc', 'limit'],
    ['/events?after=-1', 'after'],
    ['/events?after=1.5', 'after'],
    ['/events?type=not-a-type', 'type'],
    ['/events?stream=bad%20id', 'stream'],
    ['/events?colour=red', 'colour'],
  ])('answers 400 naming the parameter for %s', async (path, parameter) => {
    const response = await get(path);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { parameter: string; message: string };
    expect(body.parameter).toBe(parameter);
    expect(body.message.length).toBeGreaterThan(5);
  });

  it("serves one stream's events in version order, and 404 for an unknown stream", async () => {
    const response = await get('/streams/feed-f0');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { events: { streamVersion: number }[] };
    expect(body.events.map((e) => e.streamVersion)).toEqual([1, 2, 3]);
    expect((await get('/streams/feed-nope')).status).toBe(404);
    expect((await get('/streams/bad%20id')).status).toBe(400);
  });

  it('streams live events as SSE and resumes after Last-Event-ID', async () => {
    const controller = new AbortController();
    const response = await get('/events/live', { headers: { 'last-event-id': String(base + 8) }, signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // undici types the body as ReadableStream<any>; fetch bodies are bytes.
    const reader: ReadableStreamDefaultReader<Uint8Array> = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const ids = () => [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    const readUntil = async (count: number) => {
      while (ids().length < count) {
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        text += decoder.decode(value, { stream: true });
      }
    };
    await readUntil(2);
    expect(ids()).toEqual([base + 9, base + 10]);
    await running.store.append('story-live', [{ type: 'StoryDiscovered', data: { storyId: 'live' } }]);
    await readUntil(3);
    expect(ids()).toEqual([base + 9, base + 10, base + 11]);
    const last = text.trim().split('\n\n').pop()!;
    expect(
      JSON.parse(
        last
          .split('\n')
          .find((l) => l.startsWith('data: '))!
          .slice(6),
      ),
    ).toMatchObject({
      position: base + 11,
      streamId: 'story-live',
      type: 'StoryDiscovered',
    });
    controller.abort();
  });

  it('rejects a bad Last-Event-ID', async () => {
    const response = await get('/events/live', { headers: { 'last-event-id': 'yesterday' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { parameter: string }).parameter).toBe('Last-Event-ID');
  });

  it('reports health of each dependency', async () => {
    const response = await get('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'up', checks: { eventStore: { status: 'up', detail: { adapter: 'sqlite' } } } });
  });

  it('exposes Prometheus metrics: process, HTTP durations, appends, subscription lag', async () => {
    const response = await get('/metrics');
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toContain('chipwatch_process_cpu_seconds_total');
    expect(text).toMatch(/chipwatch_http_request_duration_seconds_count\{method="GET",route="\/events",status="200"\} \d+/);
    expect(text).toMatch(/chipwatch_eventstore_appended_events_total\{type="StoryDiscovered"\} [1-9]/);
    expect(text).toContain('chipwatch_eventstore_append_duration_seconds_bucket');
    expect(text).toContain('chipwatch_subscription_lag_events');
    expect(text).toMatch(/chipwatch_eventstore_head_position \d+/);
  });

  it('serves the OpenAPI document and UI at /docs', async () => {
    const ui = await get('/docs');
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
    const document = (await (await get('/docs/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/events', '/events/live', '/streams/{streamId}', '/health']));
  });

  it('echoes or assigns a request id', async () => {
    const response = await get('/health', { headers: { 'x-request-id': 'trace-123' } });
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    expect((await get('/health')).headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('API keys', () => {
  let running: RunningApp;
  const key = 'k'.repeat(24);

  beforeAll(async () => {
    running = await startApp({ CHIPWATCH_API_KEYS: `${key},${'z'.repeat(20)}` });
  });
  afterAll(() => running.close());

  it('requires a Bearer key on every endpoint but /health', async () => {
    for (const path of ['/events', '/streams/feed-x', '/metrics', '/docs']) {
      const response = await fetch(running.baseUrl + path);
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    }
    expect((await fetch(running.baseUrl + '/events', { headers: { authorization: 'Bearer wrong-key-wrong-key' } })).status).toBe(401);
    expect((await fetch(running.baseUrl + '/health')).status).toBe(200);
    expect((await fetch(running.baseUrl + '/events', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    expect((await fetch(running.baseUrl + '/events', { headers: { authorization: `bearer ${'z'.repeat(20)}` } })).status).toBe(200);
  });
});

describe('health when a dependency is down', () => {
  it('answers 503 naming the dependency that is down', async () => {
    const running = await startApp();
    try {
      await running.store.close();
      const response = await fetch(running.baseUrl + '/health');
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'down', checks: { eventStore: { status: 'down' }, queue: { status: 'up' } } });
    } finally {
      await running.close();
    }
  });
});
