import { MatchList, TermMatcher } from './term.matcher';
import { NormalisedText, normaliseInto } from './text.normaliser';

function find(terms: string[], text: string): string[] {
  const matcher = new TermMatcher(terms.map((raw, payload) => ({ raw, payload })));
  const normalised = new NormalisedText();
  normaliseInto(text, normalised);
  const out = new MatchList();
  matcher.scan(normalised, out);
  const found: string[] = [];
  for (let i = 0; i < out.length; i++) {
    found.push(`${terms[matcher.payloads[out.patterns[i]]]}=${normalised.sourceSlice(out.starts[i], out.ends[i])}`);
  }
  return found;
}

describe('TermMatcher', () => {
  it('matches whole words only, unless the term is a stem', () => {
    expect(find(['h20'], 'H20 and H200 and GH20')).toEqual(['h20=H20']);
    expect(find(['export*'], 'exports, re-exported, exportações')).toEqual(['export*=export', 'export*=export', 'export*=export']);
    expect(find(['restrict*'], 'restricted restrictions unrestricted')).toEqual(['restrict*=restrict', 'restrict*=restrict']);
  });

  it('matches infix terms inside compounds', () => {
    expect(find(['*kontroll*'], 'Exportkontrollen und Kontrolle')).toEqual(['*kontroll*=kontroll', '*kontroll*=Kontroll']);
  });

  it('matches multi-word phrases across punctuation', () => {
    expect(find(['entity list'], 'the Entity-List, the entity  list')).toEqual(['entity list=Entity-List', 'entity list=entity  list']);
  });

  it('matches CJK and Hangul without word boundaries, and Latin terms next to CJK', () => {
    expect(find(['出口管制', 'h20'], '美国对华出口管制升级，英伟达H20受限')).toEqual(['出口管制=出口管制', 'h20=H20']);
    expect(find(['수출', '통제'], '엔비디아의 수출통제를')).toEqual(['수출=수출', '통제=통제']);
  });

  it('checks the case of = terms against the source', () => {
    expect(find(['=BIS'], 'bis 2026 gilt die Regel, sagte das BIS')).toEqual(['=BIS=BIS']);
    expect(find(['=US'], 'told us that US rules')).toEqual(['=US=US']);
  });

  it('finds overlapping terms', () => {
    expect(find(['商务部', '美国商务部'], '美国商务部')).toEqual(['美国商务部=美国商务部', '商务部=商务部']);
  });
});
