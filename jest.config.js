// One config, every tier: *.spec.ts (pure), *.int-spec.ts (real servers), test/e2e/*.e2e-spec.ts (running app).
// Nest 12 and some of its dependencies ship ESM only; @swc/jest compiles them to CommonJS (see docs/toolchain.md).
const { readFileSync } = require('node:fs');
const tsconfig = JSON.parse(readFileSync(`${__dirname}/tsconfig.json`, 'utf8'));

const moduleNameMapper = {};
for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
  moduleNameMapper[`^${alias}$`] = `<rootDir>/${target}`;
}

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test}/**/*.{spec,int-spec,e2e-spec}.ts'],
  transform: { '^.+\\.(t|mj|j)s$': swc },
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|file-type|strtok3|token-types|@tokenizer|@borewit|uint8array-extras|content-disposition|franc|trigram-utils|n-gram|collapse-white-space)/)',
  ],
  moduleNameMapper,
  testTimeout: 30000,
};
