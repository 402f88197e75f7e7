import type { Finding, Recognizer } from '../pii-kinds.js';
import { fold } from '../text-context.js';

const PREFECTURES =
  '北海道|青森県|岩手県|宮城県|秋田県|山形県|福島県|茨城県|栃木県|群馬県|埼玉県|千葉県|東京都|神奈川県|新潟県|富山県|石川県|福井県|山梨県|長野県|岐阜県|静岡県|愛知県|三重県|滋賀県|京都府|大阪府|兵庫県|奈良県|和歌山県|鳥取県|島根県|岡山県|広島県|山口県|徳島県|香川県|愛媛県|高知県|福岡県|佐賀県|長崎県|熊本県|大分県|宮崎県|鹿児島県|沖縄県';

/**
 * Street addresses: a prefecture (or a municipality ending 市/区/町/村) followed by a 丁目/番地/号
 * or digit-hyphen chain. A prefecture or city name alone ("大阪府の病院") is not an address of a
 * person and is not reported.
 */
export const addressRecognizer: Recognizer = {
  kind: 'address',
  recognize(text) {
    const t = fold(text);
    const out: Finding[] = [];
    const re = new RegExp(
      `(?:${PREFECTURES})?[\\u4e00-\\u9fffヶケ々ぁ-んァ-ヶ]{1,8}?(?:市|区|町|村|郡)[\\u4e00-\\u9fffヶケ々ぁ-んァ-ヶ]{0,10}?(?:\\d{1,4}|[一二三四五六七八九十]{1,3})(?:丁目|番地?|号|-)(?:\\d{1,4}(?:番地?|号|-)?){0,3}`,
      'g',
    );
    for (const m of t.matchAll(re)) {
      const value = m[0].replace(/-$/, '');
      if (!/\d|丁目|番/.test(value)) continue;
      out.push({ kind: 'address', start: m.index, end: m.index + value.length, value, confidence: new RegExp(`^(${PREFECTURES})`).test(value) ? 'high' : 'medium', reason: 'street-pattern' });
    }
    return out;
  },
};
