import { extractFacts } from './fact.extractor';

const numbers = (text: string, lang: string) => extractFacts(text, '', lang).numbers.map(({ value, unit }) => ({ value, unit }));
const dates = (text: string, lang: string) => extractFacts(text, '', lang).dates.map(({ date, yearOffset }) => (yearOffset ? { date, yearOffset } : { date }));

describe('fact extraction: amounts', () => {
  it.each([
    ['en', 'Nvidia takes a $1.5 billion charge'],
    ['en', 'a charge of 1.5 billion dollars'],
    ['zh', '英伟达计提15亿美元费用'],
    ['pt', 'Nvidia terá baixa de 1,5 bilhão de dólares'],
    ['pt', 'baixa contábil de US$ 1,5 bilhão'],
    ['es', 'un cargo de 1.500 millones de dólares'],
    ['fr', 'une charge de 1,5 milliard de dollars'],
    ['de', 'eine Belastung von 1,5 Milliarden Dollar'],
    ['ja', '15億ドルの損失'],
    ['ko', '15억 달러 규모의 손실'],
  ])('given "%s: %s", then it is 1,500,000,000 USD', (lang, text) => {
    expect(numbers(text, lang)).toEqual([{ value: 1_500_000_000, unit: 'USD' }]);
  });

  it('given scales that differ by language, then each is read as its language means it', () => {
    expect(numbers('2 Billionen Euro', 'de')).toEqual([{ value: 2e12, unit: 'EUR' }]);
    expect(numbers('2 billions d’euros', 'fr')).toEqual([{ value: 2e12, unit: 'EUR' }]);
    expect(numbers('mil millones', 'es')).toEqual([]);
    expect(numbers('5 mil millones de dólares', 'es')).toEqual([{ value: 5e9, unit: 'USD' }]);
    expect(numbers('$5.5bn and $800m', 'en')).toEqual([
      { value: 5.5e9, unit: 'USD' },
      { value: 8e8, unit: 'USD' },
    ]);
  });

  it('given a story whose language was detected wrongly, then its scale words, decimals and months are read all the same', () => {
    expect(numbers('por valor de 168 millones de dólares', 'fr')).toEqual([{ value: 1.68e8, unit: 'USD' }]);
    expect(numbers('US$ 1,5 bilhão', 'en')).toEqual([{ value: 1.5e9, unit: 'USD' }]);
    expect(dates('el 15 de mayo de 2020', 'fr')).toEqual([{ date: '2020-05-15' }]);
  });

  it('given Han and Hangul units, then consecutive units multiply and a smaller group adds', () => {
    expect(numbers('1조 5천억 원', 'ko')).toEqual([{ value: 1.5e12, unit: 'KRW' }]);
    expect(numbers('投资1万亿元', 'zh')).toEqual([{ value: 1e12, unit: 'CNY' }]);
    expect(numbers('8000億円', 'ja')).toEqual([{ value: 8e11, unit: 'JPY' }]);
  });
});

describe('fact extraction: counts, percentages, durations, process nodes', () => {
  it.each([
    ['en', 'US adds 36 firms to the Entity List'],
    ['zh', '36家企业被列入实体清单'],
    ['ko', '36곳을 수출통제 명단에 올렸다'],
    ['de', '36 Firmen auf der Entity List'],
  ])('given "%s: %s", then it is the count 36', (lang, text) => {
    expect(numbers(text, lang)).toEqual([{ value: 36, unit: 'count' }]);
  });

  it('given counts written as words or Han numerals before a counter, then they are counts too', () => {
    expect(numbers('Singapore charges three men', 'en')).toEqual([{ value: 3, unit: 'count' }]);
    expect(numbers('新加坡起诉三名男子', 'zh')).toEqual([{ value: 3, unit: 'count' }]);
    expect(numbers('Singapur imputa a tres hombres', 'es')).toEqual([{ value: 3, unit: 'count' }]);
    expect(numbers('十三家中国实体', 'zh')).toEqual([{ value: 13, unit: 'count' }]);
    // 三星 is Samsung, and Portuguese "dos" is "of the", not two.
    expect(numbers('三星电子', 'zh')).toEqual([]);
    expect(numbers('a lista dos Estados Unidos', 'pt')).toEqual([]);
  });

  it('given percentages, durations and process nodes in several languages, then each has its unit', () => {
    expect(numbers('0.1% or more', 'en')).toEqual([{ value: 0.1, unit: '%' }]);
    expect(numbers('mindestens 0,1 Prozent', 'de')).toEqual([{ value: 0.1, unit: '%' }]);
    expect(numbers('a 120-day grace period', 'en')).toEqual([{ value: 120, unit: 'day' }]);
    expect(numbers('120天宽限期', 'zh')).toEqual([{ value: 120, unit: 'day' }]);
    expect(numbers('120日間の猶予', 'ja')).toEqual([{ value: 120, unit: 'day' }]);
    expect(numbers('30日後に発効', 'ja')).toEqual([{ value: 30, unit: 'day' }]);
    expect(numbers('eine Frist von 120 Tagen', 'de')).toEqual([{ value: 120, unit: 'day' }]);
    expect(numbers('hasta 20 años de prisión', 'es')).toEqual([{ value: 20, unit: 'year' }]);
    expect(numbers('SMIC 7nm, 7 nm, 7纳米, 7나노', 'en')).toEqual([{ value: 7, unit: 'nm' }]);
  });

  it('given digits that are not quantities (codes, times, names with numbers), then none is read', () => {
    expect(numbers('H20 and A800 chips, COVID-19, 5G, N+2, at 14:30, the Kirin 9000s', 'en')).toEqual([]);
  });

  it('given the same quantity twice, then it is listed once, as first written', () => {
    const facts = extractFacts('36 firms', 'The 36 firms include YMTC.', 'en');
    expect(facts.numbers).toEqual([{ value: 36, unit: 'count', text: '36' }]);
  });
});

describe('fact extraction: dates', () => {
  it.each([
    ['en', 'effective December 1, 2024'],
    ['en', 'from 1 December 2024'],
    ['zh', '自2024年12月1日起施行'],
    ['ja', '2024年12月1日から'],
    ['ko', '2024년 12월 1일부터'],
    ['pt', 'a partir de 1 de dezembro de 2024'],
    ['es', 'desde el 1 de diciembre de 2024'],
    ['fr', 'à partir du 1er décembre 2024'],
    ['de', 'ab dem 1. Dezember 2024'],
  ])('given "%s: %s", then it is 2024-12-01', (lang, text) => {
    expect(dates(text, lang)).toEqual([{ date: '2024-12-01' }]);
  });

  it('given dates without a year, then they are kept as written, to be placed by the publication date', () => {
    expect(dates('US informed Nvidia on October 23', 'en')).toEqual([{ date: '--10-23' }]);
    expect(dates('12月1日から適用', 'ja')).toEqual([{ date: '--12-01' }]);
    expect(dates('美国商务部15日宣布', 'zh')).toEqual([{ date: '---15' }]);
    expect(dates('15일부터 발효', 'ko')).toEqual([{ date: '---15' }]);
    expect(dates('此案于去年12月立案', 'zh')).toEqual([{ date: '--12', yearOffset: -1 }]);
    expect(dates('지난해 10월 도입한 규제', 'ko')).toEqual([{ date: '--10', yearOffset: -1 }]);
  });

  it('given a month with a year, or a year alone, then the date is as precise as written', () => {
    expect(dates('the October 2022 controls', 'en')).toEqual([{ date: '2022-10' }]);
    expect(dates('regras de outubro de 2022', 'pt')).toEqual([{ date: '2022-10' }]);
    expect(dates('2024年12月に始まった', 'ja')).toEqual([{ date: '2024-12' }]);
    expect(dates('its 2020 acquisition of Mellanox', 'en')).toEqual([{ date: '2020' }]);
    expect(dates('published 2025-10-09', 'en')).toEqual([{ date: '2025-10-09' }]);
  });

  it('given a month name with no number, then it is not a date (English "may" is a verb too)', () => {
    expect(dates('the rules may change in October', 'en')).toEqual([]);
  });
});

describe('fact extraction: where it reads', () => {
  it('given a long summary, then numbers are read in its first 600 characters only', () => {
    const filler = 'word '.repeat(130);
    const facts = extractFacts('Title', `36 firms. ${filler} and 37 more`, 'en');
    expect(facts.numbers.map((n) => n.value)).toEqual([36]);
  });

  it('given product codes among the digits, then they are collected as written', () => {
    expect(extractFacts('英伟达H20芯片与AMD的MI308X', 'ASML TWINSCAN NXT:1980i, L40S and G20, 5G', 'zh').codes).toEqual(['H20', 'MI308X', 'NXT:1980i', 'L40S', 'G20']);
  });
});
