// Dependency rules from docs/architecture.md, checked by `npm test` (npm run depcheck).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Circular imports make initialisation order fragile.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'libs-import-no-app',
      severity: 'error',
      comment: 'Libraries hold the domain and adapters; apps wire them together.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'foundation-libs-stand-alone',
      severity: 'error',
      comment: 'event-store and config are the foundation: they import no other lib.',
      from: { path: '^libs/(event-store|config)/' },
      to: { path: '^libs/', pathNot: '^libs/$1/' },
    },
    {
      name: 'apps-import-no-other-app',
      severity: 'error',
      comment: 'Only the cli (the composition root) wires the api and worker apps together.',
      from: { path: '^apps/(api|worker)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-through-their-index',
      severity: 'error',
      comment: "A lib's index is its public surface (scripts/lib-exports.ts keeps it to what others use): no deep imports past it.",
      from: { path: '^(apps|libs/([^/]+))/' },
      to: { path: '^libs/[^/]+/src/', pathNot: ['^libs/[^/]+/src/index\\.ts$', '^libs/$2/'] },
    },
    {
      name: 'pure-classifier',
      severity: 'error',
      comment: 'The classifier is pure: no I/O modules (the config loader lives elsewhere).',
      from: { path: '^libs/classifier/src/', pathNot: '\\.(spec|int-spec)\\.ts$' },
      to: { dependencyTypes: ['core'], path: '^(fs|net|http|https|child_process|worker_threads|dgram|dns)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$|\\.int-spec\\.ts$|\\.e2e-spec\\.ts$)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
