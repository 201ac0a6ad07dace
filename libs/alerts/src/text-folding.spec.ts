import { normalise } from '@chipwatch/classifier';
import { foldText } from './text-folding';

describe('text folding', () => {
  it.each([
    'US tightens export-controls on NVIDIA\'s "H20" (2025)',
    '  leading and trailing  ',
    '---',
    '',
    'tabs\tand\nnewlines_and_underscores',
    'Exportações de chips', // not ASCII: the classifier's path
    'ＮＶＩＤＩＡ 英偉達 出口管制',
  ])('given %j, then it equals the classifier normalisation', (text) => {
    expect(foldText(text)).toBe(normalise(text));
  });
});
