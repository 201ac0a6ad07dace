import { detectLanguage, normaliseLanguageCode, resolveFeedLanguage, resolveLanguage } from './language';

describe('normaliseLanguageCode', () => {
  it.each([
    ['pt-BR', 'pt'],
    ['en_us', 'en'],
    ['EN', 'en'],
    ['zh-Hans-CN', 'zh'],
    ['eng', 'en'],
    ['ger', 'de'],
    ['zho', 'zh'],
    ['English', 'en'],
    ['Português', 'pt'],
    ['iw', 'he'],
  ])('%s → %s', (tag, expected) => {
    expect(normaliseLanguageCode(tag)).toBe(expected);
  });

  it.each([[undefined], [''], ['und'], ['x-klingon'], ['mul'], ['123']])('%p names no language', (tag) => {
    expect(normaliseLanguageCode(tag)).toBeUndefined();
  });
});

describe('detectLanguage', () => {
  it.each([
    ['Os controles de exportação dos EUA atrasam o novo modelo de inteligência artificial da DeepSeek', 'pt'],
    ['US export controls delay the launch of the new DeepSeek artificial intelligence model', 'en'],
    ['Los controles de exportación de Estados Unidos retrasan el nuevo modelo de inteligencia artificial', 'es'],
    ['Les contrôles à l’exportation américains retardent le nouveau modèle d’intelligence artificielle', 'fr'],
    ['Die amerikanischen Exportkontrollen verzögern das neue Modell für künstliche Intelligenz', 'de'],
    ['美国的出口管制推迟了深度求索新的人工智能模型的发布', 'zh'],
    ['米国の輸出規制により、新しい人工知能モデルの発表が遅れている', 'ja'],
    ['미국의 수출 통제로 새로운 인공지능 모델 출시가 지연되고 있다', 'ko'],
  ])('detects %s', (text, expected) => {
    expect(detectLanguage(text)).toBe(expected);
  });

  it('does not guess on too little text', () => {
    expect(detectLanguage('Nvidia')).toBeUndefined();
  });
});

describe('resolveLanguage', () => {
  const english = 'US export controls delay the launch of the new DeepSeek artificial intelligence model';

  it('prefers the item, then the feed, then the hint, then detection', () => {
    expect(resolveLanguage({ item: 'es', feed: 'pt-BR', hint: 'fr', text: english })).toEqual({ language: 'es', source: 'item' });
    expect(resolveLanguage({ feed: 'pt-BR', hint: 'fr', text: english })).toEqual({ language: 'pt', source: 'feed' });
    expect(resolveLanguage({ feed: 'und', hint: 'fr', text: english })).toEqual({ language: 'fr', source: 'hint' });
    expect(resolveLanguage({ text: english })).toEqual({ language: 'en', source: 'detected' });
  });

  it('says `und` when nothing tells', () => {
    expect(resolveLanguage({ text: '12345' })).toEqual({ language: 'und', source: 'undetermined' });
    expect(resolveLanguage({})).toEqual({ language: 'und', source: 'undetermined' });
  });
});

describe('resolveFeedLanguage', () => {
  const portuguese = [
    'Os EUA ampliam as restrições à exportação de chips',
    'A Nvidia suspende as vendas do H20 para a China',
    'O governo chinês responde às novas regras americanas',
  ];

  it('takes the feed language, then the hint, before reading any text', () => {
    const texts = jest.fn(() => portuguese);
    expect(resolveFeedLanguage({ feed: 'de-DE', hint: 'fr', texts })).toEqual({ language: 'de', source: 'feed' });
    expect(resolveFeedLanguage({ feed: 'und', hint: 'fr', texts })).toEqual({ language: 'fr', source: 'hint' });
    expect(texts).not.toHaveBeenCalled();
  });

  it('detects once from the start of several items', () => {
    expect(resolveFeedLanguage({ texts: () => portuguese })).toEqual({ language: 'pt', source: 'detected' });
  });

  it('leaves out items too short to tell anything, and says `und` when nothing is left', () => {
    expect(resolveFeedLanguage({ texts: () => ['Item 1', 'Item 2', 'Item 3', 'v3.9.0', ''] })).toEqual({
      language: 'und',
      source: 'undetermined',
    });
    expect(resolveFeedLanguage({ texts: () => ['Item 1', ...portuguese] }).language).toBe('pt');
  });
});
