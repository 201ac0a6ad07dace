import { unusedLibExports } from '../../scripts/lib-exports';

describe("each lib's index", () => {
  it('exports only what other libs, apps, tests and tools import, plus its event contracts', () => {
    // To fix: drop the name from the index, or run `node -r @swc-node/register scripts/lib-exports.ts --write`.
    expect(Object.fromEntries(unusedLibExports())).toEqual({});
  });
});
