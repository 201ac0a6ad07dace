/**
 * Product codes the lexicon does not list (L20, MI325X, NXT:1980i), as canonical products, so
 * that a new chip is an entity from its first story. The fact extractor finds the codes in the
 * pass it makes over the digits anyway (FactScan.atCode); this names them: the letters before
 * the digits in capitals, the rest as written (Mi325X → MI325X, NXT:1980i), and a code the
 * lexicon knows (mi308x, H20s) by the lexicon's name.
 */

/** Look like codes, are not products: summits, fiscal years, quarters, diseases, standards, architectures. */
const NOT_PRODUCTS = /^(?:G\d+|FY\d+|CY\d+|Q\d+|COVID\d*|SARS\d*|COP\d+|ISO\d+|X86|X64|ARM64|WIN\d+|EAR\d+|ECCN\d*)$/i;

/** Lower case, letters and digits only: how a code and a lexicon term are compared. */
const key = (text: string) => text.toLowerCase().replace(/[^a-z0-9\u0080-\uffff]+/g, '');

export class ProductCodes {
  /** Lexicon product term (as {@link key}) → its canonical name. */
  private readonly known = new Map<string, string>();

  constructor(products: Record<string, { terms: readonly string[] }>) {
    for (const [name, product] of Object.entries(products)) {
      this.known.set(key(name), name);
      for (const term of product.terms) this.known.set(key(term.replace(/^=/, '')), name);
    }
  }

  /** Appends to `products` (canonical names in order of mention) the `codes` (as written) it lacks. */
  addTo(products: string[], codes: readonly string[]): void {
    if (codes.length === 0) return;
    const have = new Set(products.map((p) => p.toLowerCase()));
    for (let code of codes) {
      if (NOT_PRODUCTS.test(code)) continue;
      // A plural (H20s) is the product; a capital suffix (L40S) is part of the name.
      if (/\ds$/.test(code)) code = code.slice(0, -1);
      const name = this.known.get(key(code)) ?? code.replace(/^[A-Za-z]+/, (prefix) => prefix.toUpperCase());
      if (have.has(name.toLowerCase())) continue;
      have.add(name.toLowerCase());
      products.push(name);
    }
  }
}
