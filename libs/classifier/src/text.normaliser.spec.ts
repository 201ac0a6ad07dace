import { NormalisedText, normalise, normaliseInto } from './text.normaliser';

describe('normalise', () => {
  it('folds case, full-width forms and compatibility characters', () => {
    expect(normalise('ＮＶＩＤＩＡ Ｈ２０')).toBe('nvidia h20');
    expect(normalise('Export-Controls')).toBe('export controls');
  });

  it('strips diacritics from Latin script and folds special letters', () => {
    expect(normalise('Exportações, restrições à exportação')).toBe('exportacoes restricoes a exportacao');
    expect(normalise('Ausfuhrbeschränkungen für Maßnahmen')).toBe('ausfuhrbeschrankungen fur massnahmen');
    expect(normalise('contrôles à l’exportation')).toBe('controles a l exportation');
    // decomposed input (e + combining acute) gives the same result as precomposed
    expect(normalise('e\u0301')).toBe(normalise('é'));
  });

  it('keeps kana voicing and Hangul intact, and composes half-width katakana', () => {
    expect(normalise('エヌビディア')).toBe('エヌビディア');
    expect(normalise('ｴﾇﾋﾞﾃﾞｨｱ')).toBe('エヌビディア');
    expect(normalise('엔비디아 수출 통제')).toBe('엔비디아 수출 통제');
  });

  it('folds traditional Chinese and Japanese forms to simplified', () => {
    expect(normalise('輝達')).toBe(normalise('辉达'));
    expect(normalise('實體清單')).toBe('实体清单');
    expect(normalise('半導體')).toBe(normalise('半导体'));
  });

  it('separates spaced scripts from CJK so words keep their boundaries', () => {
    expect(normalise('英伟达H20芯片')).toBe('英伟达 h20 芯片');
    expect(normalise('AI半導体')).toBe('ai 半导体');
  });

  it('collapses punctuation and whitespace into single spaces', () => {
    expect(normalise('  U.S.  —  Entity-List!! ')).toBe('u s entity list');
    expect(normalise('')).toBe('');
  });
});

describe('NormalisedText.sourceSlice', () => {
  it('maps normalised positions back to the original words', () => {
    const out = new NormalisedText();
    const source = 'Os controles de EXPORTAÇÃO dos EUA';
    normaliseInto(source, out);
    const normalised = out.toString();
    const at = normalised.indexOf('exportacao') + 1; // +1: the leading boundary space
    expect(out.sourceSlice(at, at + 'exportacao'.length)).toBe('EXPORTAÇÃO');
    expect(out.sourceWords(at, at + 3)).toBe('EXPORTAÇÃO');
  });
});
