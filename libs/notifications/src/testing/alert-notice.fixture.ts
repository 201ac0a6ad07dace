import type { AlertNotice } from '../notification.types';

/** A realistic notice whose strings carry every character the channels must escape. */
export function alertNotice(overrides: Partial<AlertNotice> = {}): AlertNotice {
  return {
    kind: 'raised',
    alert: {
      id: 'a1b2c3d4e5f6',
      ruleId: 'nvidia-china',
      ruleIds: ['nvidia-china'],
      severity: 'medium',
      raisedAt: '2025-06-02T10:05:00.000Z',
    },
    story: {
      id: 's-9f8e7d',
      title: 'EUA restringem exportação de chips H20 & <B30A> da "NVIDIA" à China',
      url: 'https://news.example.com/tech/2025/06/chips?id=42&ref=rss',
      feedId: 'mercado-pt',
      feedTitle: 'Mercado & Tecnologia',
      language: 'pt',
      publishedAt: '2025-06-02T09:58:00.000Z',
      summary: 'O Departamento de Comércio <BIS> publicou novas regras & licenças.',
    },
    classification: {
      score: 0.934,
      subtopics: ['export-licensing'],
      entities: { companies: ['NVIDIA'], products: ['H20'], agencies: ['BIS'], jurisdictions: ['US', 'CN'] },
      evidence: [
        { text: 'restringem exportação', field: 'title', concept: 'export-control', weight: 2.1 },
        { text: 'chips H20', field: 'title', concept: 'ai-chip', weight: 1.8 },
        { text: 'Departamento de Comércio <BIS>', field: 'summary', concept: 'agency', weight: 1.2 },
        { text: 'licenças', field: 'summary', concept: 'licensing', weight: 0.6 },
      ],
    },
    ...overrides,
  };
}

/** The same story, matched later by a higher-severity rule. */
export function updatedNotice(): AlertNotice {
  const base = alertNotice();
  return {
    ...base,
    kind: 'updated',
    alert: {
      ...base.alert,
      ruleId: 'entity-list-critical',
      ruleIds: ['nvidia-china', 'entity-list-critical'],
      severity: 'critical',
      updatedAt: '2025-06-02T11:00:00.000Z',
    },
  };
}
