import type { AlertNotice } from '../notification.types';

/**
 * A realistic notice whose strings carry every character the channels must escape. Its vocabulary
 * is the classifier's: subtopics from SUBTOPICS, entity names as classifier.yaml spells them.
 */
export function alertNotice(overrides: Partial<AlertNotice> = {}): AlertNotice {
  return {
    kind: 'raised',
    alert: {
      alertId: 'a1b2c3d4e5f6a1b2c3d4e5f6',
      clusterId: '9f8e7d6c5b4a9f8e7d6c5b4a',
      ruleId: 'nvidia-china',
      ruleIds: ['nvidia-china'],
      severity: 'medium',
      raisedAt: '2025-06-02T10:05:00.000Z',
    },
    story: {
      storyId: '9f8e7d6c5b4a9f8e7d6c5b4a',
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
      subtopics: ['new-restriction', 'licence-decision'],
      entities: {
        companies: ['NVIDIA'],
        products: ['H20'],
        agencies: ['Commerce Department', 'BIS'],
        jurisdictions: ['United States', 'China'],
      },
      evidence: [
        { text: 'restringem exportação', field: 'title', concept: 'export-control', weight: 2.1 },
        { text: 'chips H20', field: 'title', concept: 'ai-chip', weight: 1.8 },
        { text: 'Departamento de Comércio <BIS>', field: 'summary', concept: 'us-gov', weight: 1.2 },
        { text: 'licenças', field: 'summary', concept: 'licence', weight: 0.6 },
      ],
    },
    ...overrides,
  };
}

/** The same cluster's notification, updated: a later alert of a higher-severity rule raised it. */
export function updatedNotice(): AlertNotice {
  const base = alertNotice();
  return {
    ...base,
    kind: 'updated',
    alert: {
      ...base.alert,
      ruleIds: ['nvidia-china', 'entity-list-critical'],
      severity: 'critical',
      updatedAt: '2025-06-02T11:00:00.000Z',
      updatedBy: { alertId: 'f6e5d4c3b2a1f6e5d4c3b2a1', ruleId: 'entity-list-critical', severity: 'critical' },
    },
  };
}
