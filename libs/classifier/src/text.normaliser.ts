/**
 * Text normalisation shared by the lexicon compiler and the hot path, so that a term written in a
 * config file ("exportação", "ＮＶＩＤＩＡ", "輝達") and the story text meet in the same form.
 *
 * Per UTF-16 code unit: NFKC (full-width and compatibility forms), lower case, combining marks
 * stripped (Latin, Greek and Cyrillic only: kana voicing marks and Hangul must survive), a few
 * letters folded (ß→ss, œ→oe), traditional Chinese (and Japanese shinjitai) folded to simplified,
 * and everything that is not a letter or digit turned into one space. Working per code unit
 * instead of calling `String.prototype.normalize` on the whole text keeps a map from every
 * output position back to the source, so evidence can quote the original words, and lets the
 * result of each code unit be cached: after warm-up a story is normalised with table look-ups.
 */

/** Code-unit value of the single separator the normaliser emits. */
export const SPACE = 0x20;

/** Script classes counted while normalising; the language detector reads them. */
export const Script = { None: 0, Latin: 1, Han: 2, Kana: 3, Hangul: 4, Other: 5 } as const;
export type Script = (typeof Script)[keyof typeof Script];

/** Languages whose diacritics hint at the language of a Latin-script text. */
export const HINT_LANGUAGES = ['en', 'pt', 'es', 'fr', 'de', 'it', 'nl'] as const;
export type HintLanguage = (typeof HINT_LANGUAGES)[number];

/**
 * Characters whose presence (before folding) hints at a language: weights are added per
 * occurrence and combined with stopword counts. ç is Portuguese or French, ñ only Spanish, etc.
 */
const DIACRITIC_HINTS: Record<string, Partial<Record<HintLanguage, number>>> = {
  ã: { pt: 2 },
  õ: { pt: 2 },
  ç: { pt: 1, fr: 1 },
  ñ: { es: 2 },
  '¿': { es: 3 },
  '¡': { es: 2 },
  á: { es: 0.5, pt: 0.5 },
  í: { es: 0.5, pt: 0.5 },
  ó: { es: 0.5, pt: 0.5 },
  ú: { es: 0.5, pt: 0.5 },
  é: { fr: 0.5, es: 0.3, pt: 0.3 },
  ê: { pt: 0.5, fr: 0.5 },
  ô: { pt: 0.5, fr: 0.5 },
  â: { pt: 0.5, fr: 0.5 },
  à: { fr: 1, pt: 0.3, it: 0.5 },
  è: { fr: 1, it: 1 },
  ù: { fr: 1 },
  î: { fr: 1 },
  û: { fr: 1 },
  ë: { fr: 0.5, nl: 0.5 },
  ï: { fr: 0.5, nl: 0.5 },
  œ: { fr: 2 },
  ä: { de: 2 },
  ö: { de: 2 },
  ü: { de: 2 },
  ß: { de: 3 },
};

/**
 * Traditional Chinese → simplified, including the Japanese shinjitai forms that differ from
 * simplified Chinese (経, 関, 産...). Folding both sides means a lexicon needs one spelling for
 * 輝達/辉达 or 實體清單/实体清单. Pairs are written as "traditional simplified" two-character chunks.
 */
const TRAD_SIMP_PAIRS =
  '國国對对華华為为達达偉伟輝辉體体導导製制機机設设備备術术與与業业關关関关係系單单実实實实進进經经経经' +
  '濟济済济貿贸務务區区区区東东電电腦脑處处発发發发開开門门們们從从這这個个來来時时現现將将讓让說说' +
  '総总總总統统長长會会員员議议書书條条規规則则嚴严厳严厲厉於于許许證证証证審审準准層层銷销貨货運运' +
  '転转轉转違违罰罚詐诈騙骗訴诉調调獲获稱称称称擊击撃击報报復复應应応应視视網网絡络險险険险後后監监' +
  '壟垄斷断断断傾倾鎵镓鍺锗銻锑鍵键礦矿鉱矿屬属属属儲储憶忆記记隊队團团団团組组織织產产産产線线圓圆円圆' +
  '積积計计車车軟软碼码億亿萬万万万錢钱費费損损庫库遲迟響响衝冲額额營营営营價价価价場场勢势蘭兰韓韩' +
  '灣湾臺台馬马亞亚亜亚聯联義义参参參参眾众衆众問问題题論论鷹鹰軍军驗验験验鎖锁購购買买賣卖売卖訂订' +
  '暫暂間间見见認认種种類类廠厂學学学学習习強强勁劲創创紀纪錄录録录財财數数数数據据拠据歐欧欧欧稅税鋼钢' +
  '鋁铝補补貼贴裝装装装氣气気气飛飞號号号号權权権权歸归帰归聲声声声圖图図图寫写写写傳传伝传遞递' +
  '邊边辺边還还環环変变變变顯显顕显亂乱乱乱戰战戦战鬥斗闘斗爭争争争罷罢隻只雙双双双黨党党党' +
  '協协協协標标査查質质質质資资資资貸贷賃赁費费購购贈赠讓让認认誌志語语読读讀读譲让護护' +
  '農农豐丰豊丰糧粮麥麦麦麦鐵铁鉄铁銅铜鋰锂鎳镍錫锡鋅锌燃燃礎础業业極极極极獨独独独' +
  '陸陆陸陆島岛際际際际緊紧緊紧縮缩綜综統统維维緯纬繼继継继續续続续紹绍絡络給给結结絶绝絕绝' +
  '簽签簽签範范蘇苏藥药薬药螢萤衛卫衛卫詞词試试詳详誤误誰谁課课請请諸诸謝谢議议護护豫豫' +
  '貝贝負负貢贡貨货貫贯責责賀贺資资賴赖贏赢趙赵輔辅輕轻軽轻載载輸输輪轮辦办辺边遠远適适遺遗' +
  '郵邮鄉乡醫医医医釋释釈释針针鈴铃鋭锐銳锐錯错鍛锻鏈链鐘钟閉闭開开閣阁閲阅閱阅闘斗' +
  '陣阵陳陈陽阳隊队階阶隨随險险雖虽雞鸡難难雲云電电靈灵頂顶項项順顺預预領领頭头頻频顔颜顏颜' +
  '願愿類类顧顾風风飯饭館馆駐驻騰腾驅驱駆驱髮发鬆松魚鱼鳥鸟麗丽黃黄黄黄點点齊齐齒齿龍龙' +
  '総总総总圧压壓压塩盐鹽盐増增増增択择擇择担担擔担拡扩擴扩栄荣榮荣桜樱櫻樱検检檢检楽乐樂乐' +
  '歩步歳岁歲岁残残殘残毎每沢泽澤泽浅浅淺浅満满滿满潜潜濱滨浜滨焼烧燒烧営营犠牺犧牺狭狭狹狭' +
  '獣兽獸兽畳叠疊叠痴痴発发盗盗盜盗県县縣县真真砕碎碎碎穏稳穩稳窓窗竜龙粋粹絵绘繪绘継继' +
  '聴听聽听胆胆膽胆脳脑舎舍捨舍芸艺藝艺薫熏蔵藏藏藏虚虚虛虚蛍萤装装覚觉覺觉観观觀观訳译譯译' +
  '読读豊丰賛赞贊赞践践踐践転转軽轻辞辞辭辞逓递遅迟郷乡酔醉醉醉釈释鉄铁鉱矿銭钱鋳铸鑄铸' +
  '関关闘斗陥陷陷陷険险隠隐隱隐雑杂雜杂霊灵靈灵響响頼赖賴赖顕显駅驿驛驿騒骚騷骚験验' +
  '黙默默默齢龄齡龄亀龟龜龟';

const FOLD_LETTERS: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  þ: 'th',
  ð: 'd',
};

const HAN = /\p{Script=Han}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
const HANGUL = /\p{Script=Hangul}/u;
const LATIN = /\p{Script=Latin}/u;
// Marks other than the stripped Latin ones (kana voicing, Indic vowel signs) belong to their word.
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
// Marks of the Latin, Greek and Cyrillic blocks; kana voicing marks (U+3099) are deliberately absent.
// One class per block: side by side in one class, a block's last code point and the next block's
// first read as one combined character (no-misleading-character-class).
const STRIPPABLE_MARK = /[\u0300-\u036f]|[\u1ab0-\u1aff]|[\u1dc0-\u1dff]|[\u20d0-\u20ff]|[\ufe20-\ufe2f]/g;

const tradToSimp = new Map<string, string>();
for (let i = 0; i + 1 < TRAD_SIMP_PAIRS.length; i += 2) {
  tradToSimp.set(TRAD_SIMP_PAIRS[i], TRAD_SIMP_PAIRS[i + 1]);
}

/** 1 where a code unit of normalised text belongs to a word of a space-separated script. */
export const WORD_CHAR = new Uint8Array(65536);
for (let c = 0x30; c <= 0x39; c++) WORD_CHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) WORD_CHAR[c] = 1;
for (const [from, to] of [
  [0x00c0, 0x02af], // Latin-1 supplement and Latin extended letters left after folding
  [0x0370, 0x052f], // Greek, Cyrillic
  [0x0590, 0x06ff], // Hebrew, Arabic
  [0x1e00, 0x1fff], // Latin extended additional, Greek extended
] as const) {
  for (let c = from; c <= to; c++) WORD_CHAR[c] = 1;
}

// Per-code-unit cache. ASCII is precomputed; other code units are filled on first sight.
const ASCII_OUT = new Uint16Array(128);
for (let c = 0; c < 128; c++) {
  if (c >= 0x41 && c <= 0x5a) ASCII_OUT[c] = c + 32;
  else if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) ASCII_OUT[c] = c;
  else ASCII_OUT[c] = SPACE;
}
const folded = new Array<string | undefined>(65536);
/** Folded form when it is one code unit (the common case), MULTI otherwise, 0 when not yet computed. */
const single = new Uint16Array(65536);
const MULTI = 0xffff;
/** Script of the code unit in the low bits, HAS_HINT when it carries a language hint. */
const info = new Uint8Array(65536);
const HAS_HINT = 8;
const hintOf = new Array<Float64Array | undefined>(65536);

function foldChar(ch: string): string {
  const s = ch.normalize('NFKC').toLowerCase().normalize('NFD').replace(STRIPPABLE_MARK, '').normalize('NFC');
  let out = '';
  for (const c of s) out += LETTER_OR_DIGIT.test(c) ? (FOLD_LETTERS[c] ?? tradToSimp.get(c) ?? c) : ' ';
  return out;
}

function scriptOfChar(ch: string): Script {
  if (HAN.test(ch)) return Script.Han;
  if (KANA.test(ch)) return Script.Kana;
  if (HANGUL.test(ch)) return Script.Hangul;
  if (LATIN.test(ch)) return Script.Latin;
  return /\p{L}/u.test(ch) ? Script.Other : Script.None;
}

function fill(code: number): string {
  const ch = String.fromCharCode(code);
  const out = foldChar(ch);
  folded[code] = out;
  single[code] = out.length === 1 && out.charCodeAt(0) !== MULTI ? out.charCodeAt(0) : MULTI;
  const first = out.trim();
  info[code] = first === '' ? Script.None : scriptOfChar(first[0]);
  const hint = DIACRITIC_HINTS[ch.toLowerCase()];
  if (hint) {
    const weights = new Float64Array(HINT_LANGUAGES.length);
    HINT_LANGUAGES.forEach((lang, i) => (weights[i] = hint[lang] ?? 0));
    hintOf[code] = weights;
    info[code] |= HAS_HINT;
  }
  return out;
}

/** Class of a normalised code unit: separator, word of a spaced script, or CJK/Hangul. */
const SEPARATOR = 0;
const WORD = 1;
const CJK = 2;
const unitClass = (c: number): number => (c === SPACE ? SEPARATOR : WORD_CHAR[c] === 1 ? WORD : CJK);

/** Reusable output of {@link normaliseInto}; grown on demand, never shrunk. */
export class NormalisedText {
  /** Normalised code units; only `[0, length)` is meaningful. */
  buf = new Uint16Array(1024);
  /** Source index each normalised code unit came from (non-decreasing). */
  srcStart = new Int32Array(1024);
  length = 0;
  /** Letters per {@link Script}; ASCII letters are inferred, see {@link normaliseInto}. */
  readonly scripts = new Int32Array(6);
  /** Diacritic evidence per {@link HINT_LANGUAGES} entry. */
  readonly hints = new Float64Array(HINT_LANGUAGES.length);
  source = '';

  ensure(capacity: number): void {
    if (this.buf.length >= capacity) return;
    let size = this.buf.length;
    while (size < capacity) size *= 2;
    this.buf = new Uint16Array(size);
    this.srcStart = new Int32Array(size);
  }

  /**
   * The source text behind normalised positions `[start, end)`: from the source of the first
   * unit up to the source of the next one, minus trailing separators. Only evidence needs this,
   * so the hot loop stores one offset per unit rather than a start and an end.
   */
  sourceSlice(start: number, end: number): string {
    const to = end < this.length ? this.srcStart[end] : this.source.length;
    const src = this.source;
    let stop = to;
    while (stop > this.srcStart[start] && isSeparator(src.charCodeAt(stop - 1))) stop--;
    return src.slice(this.srcStart[start], stop);
  }

  /**
   * Like {@link sourceSlice}, but widened to whole words of spaced scripts, so evidence for a
   * stem ("export*") or an infix ("*kontroll*") quotes "exportações" or "Exportkontrollen".
   */
  sourceWords(start: number, end: number): string {
    const buf = this.buf;
    while (start > 0 && WORD_CHAR[buf[start - 1]] === 1 && WORD_CHAR[buf[start]] === 1) start--;
    while (end < this.length && WORD_CHAR[buf[end]] === 1 && WORD_CHAR[buf[end - 1]] === 1) end++;
    return this.sourceSlice(start, end);
  }

  /** The normalised text without its boundary spaces. */
  toString(): string {
    let s = '';
    for (let i = 1; i < this.length - 1; i++) s += String.fromCharCode(this.buf[i]);
    return s;
  }
}

function isSeparator(c: number): boolean {
  if (c < 128) return ASCII_OUT[c] === SPACE;
  if (c >= 0xd800 && c <= 0xdfff) return true;
  return (folded[c] ?? fill(c)) === ' ';
}

const KANA_VOICING = 0x3099;
const KANA_SEMI_VOICING = 0x309a;

/**
 * Normalise `text` into `out`. The result starts and ends with a space, runs of separators
 * collapse into one space, and a space is inserted where a spaced script meets CJK or Hangul
 * ("英伟达H20" → " 英伟达 h20 "). So every word of a spaced script sits between two spaces, and
 * a whole-word term can be matched as " term " with no boundary test in the matcher's loop.
 */
export function normaliseInto(text: string, out: NormalisedText): void {
  const n = text.length;
  // Folding can expand a code unit (ß→ss, ㎓→ghz), and script changes add a space: 4× is ample.
  out.ensure(n * 4 + 8);
  out.source = text;
  const scripts = out.scripts;
  scripts.fill(0);
  out.hints.fill(0);
  const buf = out.buf;
  const srcStart = out.srcStart;
  buf[0] = SPACE;
  srcStart[0] = 0;
  let len = 1;
  let last = SEPARATOR;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    let o: number;
    if (c < 128) {
      o = ASCII_OUT[c];
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // Astral code points (emoji, rare ideographs) never occur in a lexicon: separators.
      o = SPACE;
    } else {
      if (single[c] === 0) fill(c);
      o = single[c];
      const inf = info[c];
      scripts[inf & 7]++;
      if ((inf & HAS_HINT) !== 0) {
        const hint = hintOf[c]!;
        for (let h = 0; h < hint.length; h++) out.hints[h] += hint[h];
      }
      if (o === MULTI) {
        // Expansions (ß→ss) and stripped combining marks (empty: the previous unit's slice
        // already reaches them, since slices end where the next unit starts).
        const f = folded[c]!;
        for (let k = 0; k < f.length; k++) {
          const x = f.charCodeAt(k);
          const cls = unitClass(x);
          if (cls === SEPARATOR && last === SEPARATOR) continue;
          if (cls !== SEPARATOR && last !== SEPARATOR && cls !== last) {
            buf[len] = SPACE;
            srcStart[len++] = i;
          }
          last = cls;
          buf[len] = x;
          srcStart[len++] = i;
        }
        continue;
      }
      if ((o === KANA_VOICING || o === KANA_SEMI_VOICING) && last === CJK) {
        // Half-width katakana carry voicing as a separate code unit (ﾋﾞ): compose it with the base.
        const composed = (String.fromCharCode(buf[len - 1]) + String.fromCharCode(o)).normalize('NFC');
        if (composed.length === 1) {
          buf[len - 1] = composed.charCodeAt(0);
          continue;
        }
      }
    }
    if (o === SPACE) {
      if (last === SEPARATOR) continue;
      last = SEPARATOR;
    } else {
      const cls = o < 128 ? WORD : unitClass(o);
      if (cls !== last && last !== SEPARATOR) {
        buf[len] = SPACE;
        srcStart[len++] = i;
      }
      last = cls;
    }
    buf[len] = o;
    srcStart[len++] = i;
  }
  if (last !== SEPARATOR) {
    buf[len] = SPACE;
    srcStart[len++] = n;
  }
  out.length = len;
  // ASCII letters are not counted in the hot loop: whatever is not another script counts as Latin.
  scripts[Script.Latin] += Math.max(0, len - scripts[Script.Han] - scripts[Script.Kana] - scripts[Script.Hangul] - scripts[Script.Other]);
}

/** Normalise a short string (a lexicon term, a test input) to a plain string. */
export function normalise(text: string): string {
  const out = new NormalisedText();
  normaliseInto(text, out);
  return out.toString();
}

/** Is the normalised code unit part of a CJK or Hangul word (matched without word boundaries)? */
export function isCjkCodeUnit(c: number): boolean {
  return unitClass(c) === CJK;
}
