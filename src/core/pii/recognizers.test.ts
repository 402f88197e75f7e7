import { describe, expect, it } from 'vitest';
import { warekiToIso } from '../japanese-date.js';
import type { Finding } from './pii-kinds.js';
import { ageRecognizer, sexRecognizer } from './recognizers/age-sex.js';
import { birthDateRecognizer } from './recognizers/birth-date.js';
import { creditCardRecognizer, luhnValid } from './recognizers/credit-card.js';
import { emailRecognizer } from './recognizers/email.js';
import { insurerCheckDigit, insuranceNumberRecognizer, isValidInsurerNumber } from './recognizers/insurance-number.js';
import { isValidMyNumber, myNumberRecognizer } from './recognizers/my-number.js';
import { patientIdRecognizer } from './recognizers/patient-id.js';
import { phoneRecognizer } from './recognizers/phone.js';
import { postalCodeRecognizer } from './recognizers/postal-code.js';
import { countKinds, scanText } from './scan-text.js';

const values = (fs: Finding[]) => fs.map((f) => f.value);

describe('My Number', () => {
  it('validates the check digit (総務省令 weights)', () => {
    expect(isValidMyNumber('123456789018')).toBe(true);
    expect(isValidMyNumber('123456789019')).toBe(false);
  });
  it('needs a keyword; accepts spaced, hyphenated and full-width forms', () => {
    expect(values(myNumberRecognizer.recognize('マイナンバー：1234 5678 9018'))).toEqual(['123456789018']);
    expect(values(myNumberRecognizer.recognize('個人番号 １２３４－５６７８－９０１８'))).toEqual(['123456789018']);
    // Valid checksum but no keyword: an order number.
    expect(myNumberRecognizer.recognize('注文番号 123456789018 を発送しました')).toEqual([]);
    expect(myNumberRecognizer.recognize('マイナンバー 123456789019')).toEqual([]);
    expect(myNumberRecognizer.recognize('マイナンバー 1234567890181')).toEqual([]);
  });
});

describe('phone', () => {
  it('finds fixed, mobile, IP and +81 numbers', () => {
    expect(values(phoneRecognizer.recognize('TEL 03-1234-5678、携帯 090-1234-5678、IP 050-1234-5678、+81 90 1234 5678、(0120)123-456'))).toEqual([
      '0312345678',
      '09012345678',
      '05012345678',
      '09012345678',
      '0120123456',
    ]);
    expect(values(phoneRecognizer.recognize('携帯は09012345678です'))).toEqual(['09012345678']);
  });
  it('does not take order numbers, dates or fax lines as personal phones', () => {
    expect(phoneRecognizer.recognize('品番 0312345678 を注文')).toEqual([]);
    expect(phoneRecognizer.recognize('2026-11-22 受付')).toEqual([]);
    expect(phoneRecognizer.recognize('FAX 03-1234-5679')[0]?.confidence).toBe('low');
  });
});

describe('postal code, e-mail', () => {
  it('postal codes need 〒, a label or a following prefecture', () => {
    expect(values(postalCodeRecognizer.recognize('〒100-0001 東京都千代田区'))).toEqual(['100-0001']);
    expect(values(postalCodeRecognizer.recognize('123-4567 大阪府大阪市'))).toEqual(['123-4567']);
    expect(postalCodeRecognizer.recognize('部品 123-4567 を交換')).toEqual([]);
  });
  it('e-mail addresses, lower-cased; no trailing punctuation', () => {
    expect(values(emailRecognizer.recognize('連絡先: Taro.Yamada+lab@Example.co.jp。'))).toEqual(['taro.yamada+lab@example.co.jp']);
    expect(emailRecognizer.recognize('user@localhost や @twitter')).toEqual([]);
  });
});

describe('credit card, 保険者番号', () => {
  it('Luhn and brand prefixes', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(values(creditCardRecognizer.recognize('カード番号 4111-1111-1111-1111'))).toEqual(['4111111111111111']);
    expect(creditCardRecognizer.recognize('伝票 4111-1111-1111-1112')).toEqual([]);
    expect(creditCardRecognizer.recognize('1234-5678-9012-3452')).toEqual([]);
    // Luhn-valid Visa-shaped number under an order/invoice label is not a card …
    expect(creditCardRecognizer.recognize('請求番号：4111111111111111')).toEqual([]);
    // … unless a card word says so.
    expect(values(creditCardRecognizer.recognize('カード 請求番号：4111111111111111'))).toEqual(['4111111111111111']);
  });
  it('insurer number check digit (設定要領), keyword required', () => {
    expect(insurerCheckDigit('3312001')).toBe(5);
    expect(isValidInsurerNumber('33120015')).toBe(true);
    expect(isValidInsurerNumber('33120016')).toBe(false);
    expect(values(insuranceNumberRecognizer.recognize('保険者番号 33120015'))).toEqual(['33120015']);
    expect(insuranceNumberRecognizer.recognize('伝票 33120015')).toEqual([]);
  });
});

describe('birth date, age, sex, patient ID', () => {
  it('和暦 with era range checks', () => {
    expect(warekiToIso('S', 45, 3, 2)).toBe('1970-03-02');
    expect(warekiToIso('平成', 31, 4, 30)).toBe('2019-04-30');
    expect(warekiToIso('平成', 31, 5, 1)).toBeNull();
    expect(warekiToIso('昭和', 65, 1, 1)).toBeNull();
    expect(warekiToIso('令和', 1, 4, 30)).toBeNull();
  });
  it('birth dates only with a label or an age after them', () => {
    expect(values(birthDateRecognizer.recognize('生年月日: S45.3.2'))).toEqual(['1970-03-02']);
    expect(values(birthDateRecognizer.recognize('昭和45年3月2日（56歳）'))).toEqual(['1970-03-02']);
    expect(values(birthDateRecognizer.recognize('誕生日 1990/12/31'))).toEqual(['1990-12-31']);
    expect(birthDateRecognizer.recognize('受付日 2026/11/20 に検査')).toEqual([]);
    expect(birthDateRecognizer.recognize('生年月日: 昭和65年1月1日')).toEqual([]);
  });
  it('age and sex', () => {
    expect(values(ageRecognizer.recognize('56歳の男性、年齢: 7'))).toEqual(['56', '7']);
    expect(ageRecognizer.recognize('20歳以上の方、200歳')).toEqual([]);
    expect(values(sexRecognizer.recognize('性別：女性 / 56歳・男'))).toEqual(['F', 'M']);
    expect(sexRecognizer.recognize('男女共同参画')).toEqual([]);
  });
  it('patient ID after a label, with a configurable hospital pattern', () => {
    expect(values(patientIdRecognizer().recognize('患者ID: 0012345 の方'))).toEqual(['0012345']);
    expect(values(patientIdRecognizer({ pattern: 'P-\\d{6}' }).recognize('カルテ番号 P-123456'))).toEqual(['P-123456']);
    expect(patientIdRecognizer().recognize('会議室 1234 を予約')).toEqual([]);
  });
});

describe('scanText', () => {
  it('resolves overlaps and counts kinds', () => {
    const text = '患者ID: 0012345\n氏名: 架空 花子 様（昭和45年3月2日（56歳）・女）\n〒100-0001 東京都千代田区…\nTEL 03-1234-5678\nマイナンバー 1234 5678 9018';
    const found = scanText(text);
    expect(countKinds(found)).toEqual({ patient_id: 1, name: 1, birth_date: 1, age: 1, sex: 1, postal_code: 1, phone: 1, my_number: 1 });
  });
});

describe('health information (要配慮)', () => {
  it('finds diseases and tests, longest term first, ASCII with word boundaries', async () => {
    const { diagnosisRecognizer, testResultRecognizer } = await import('./recognizers/health.js');
    expect(values(diagnosisRecognizer.recognize('乳がんの既往。病名: 2型糖尿病'))).toEqual(['乳がん', '糖尿病', '2型糖尿病']);
    expect(values(testResultRecognizer.recognize('インフルエンザ抗原検査 陽性、CRP 3.2'))).toEqual(['抗原検査', '陽性', 'CRP']);
    expect(testResultRecognizer.recognize('CTOに昇進、PSAP')).toEqual([]);
  });
});

describe('tables', () => {
  it('reads a list by its header: one person per identifying row', async () => {
    const { summarizeTable } = await import('./table-columns.js');
    const s = summarizeTable(['No', '氏名', '受付日', '検査結果', '備考'], [
      ['1', '架空 一郎', '2026-01-10', '陽性', ''],
      ['2', '架空 花子', '2026-01-10', '陰性', ''],
      ['3', '', '2026-01-11', '', '欠番'],
    ]);
    expect(s.columns).toEqual([null, 'name', null, 'test_result', null]);
    expect(s).toMatchObject({ persons: 2, kinds: { name: 2, test_result: 2 }, sensitive: true });
  });
});

describe('names', () => {
  it('labelled names and surname + honorific', async () => {
    const { nameKanaRecognizer, nameRecognizer } = await import('./recognizers/name.js');
    expect(values(nameRecognizer.recognize('氏名: 架空 花子\n'))).toEqual(['架空花子']);
    expect(values(nameRecognizer.recognize('佐々木 健太様の検査結果'))).toEqual(['佐々木健太']);
    expect(values(nameRecognizer.recognize('田中さんから連絡'))).toEqual(['田中']);
    expect(values(nameKanaRecognizer.recognize('フリガナ：カクウ ハナコ'))).toEqual(['カクウハナコ']);
  });
  it('does not take places or common nouns before an honorific-like word as names', async () => {
    const { nameRecognizer } = await import('./recognizers/name.js');
    expect(nameRecognizer.recognize('皆様、お疲れ様です。患者様各位')).toEqual([]);
    expect(nameRecognizer.recognize('東京都の先生方')).toEqual([]);
  });
});

describe('address and bank account', () => {
  it('street addresses need a block number; place names alone are not addresses', async () => {
    const { addressRecognizer } = await import('./recognizers/address.js');
    expect(values(addressRecognizer.recognize('住所: 東京都千代田区見本町1-2-3 架空ビル'))).toEqual(['東京都千代田区見本町1-2-3']);
    expect(values(addressRecognizer.recognize('架空市中央区二丁目5番地'))).toEqual(['架空市中央区二丁目5番地']);
    expect(addressRecognizer.recognize('大阪府の病院と京都市の診療所')).toEqual([]);
  });
  it('bank account numbers only after a label', async () => {
    const { bankAccountRecognizer } = await import('./recognizers/bank-account.js');
    expect(values(bankAccountRecognizer.recognize('振込先 普通 1234567'))).toEqual(['1234567']);
    expect(bankAccountRecognizer.recognize('受付番号 1234567')).toEqual([]);
  });
});

describe('names outside the surname list', () => {
  it('a kanji run with an honorific followed by clinical context is a name', async () => {
    const { nameRecognizer } = await import('./recognizers/name.js');
    expect(values(nameRecognizer.recognize('四月一日健太さんは本日受診され、加療を開始しました。'))).toEqual(['四月一日健太']);
    expect(values(nameRecognizer.recognize('小鳥遊葵様の検査結果をお送りします'))).toEqual(['小鳥遊葵']);
  });
  it('roles and organisations before さん/様 are not names', async () => {
    const { nameRecognizer } = await import('./recognizers/name.js');
    expect(nameRecognizer.recognize('患者さんは本日受診されました')).toEqual([]);
    expect(nameRecognizer.recognize('ご家族様の来院予定')).toEqual([]);
    expect(nameRecognizer.recognize('見本病院様へ紹介状を送付')).toEqual([]);
    // No clinical context and no dictionary given name: a title with さん stays unreported.
    expect(nameRecognizer.recognize('総務課長さんと会議')).toEqual([]);
    // A dictionary given name after an unknown surname is found even without context.
    expect(values(nameRecognizer.recognize('四月一日健太さんと会議'))).toEqual(['四月一日健太']);
  });
});

describe('names by dictionary (IPADIC surnames + given names), no cue', () => {
  it('a kanji run that is exactly surname + given name is a name', async () => {
    const { nameRecognizer } = await import('./recognizers/name.js');
    for (const [text, name] of [
      ['山田太郎の件ですが', '山田太郎'],
      ['担当は高橋 健です', '高橋健'],
      ['長谷川美咲の検査', '長谷川美咲'],
      ['坂本さくらの件', '坂本さくら'],
      ['薬袋直子の件ですが', '薬袋直子'],
    ] as const) {
      expect(values(nameRecognizer.recognize(text)), text).toEqual([name]);
    }
  });
  it('places, institutions and ordinary words are not names', async () => {
    const { nameRecognizer } = await import('./recognizers/name.js');
    for (const text of ['山田はこの件', '高橋よりご報告', '感染対策委員会', '医療安全管理室', '検査結果', '東京都に出張', '中野区の施設', '田中クリニックへ', '内科医長です', '会議室で', '石川県', '安全管理', '平成元年', '中村屋', '森正の']) {
      expect(nameRecognizer.recognize(text), text).toEqual([]);
    }
  });
});

describe('test results need a result, not the word', () => {
  it('「検査結果の一覧を添付」 is no test result; 「検査結果：陽性」 and 陰性 are', async () => {
    const { testResultRecognizer } = await import('./recognizers/health.js');
    expect(testResultRecognizer.recognize('検査結果の一覧を添付いたします')).toEqual([]);
    expect(values(testResultRecognizer.recognize('検査結果：異常なし'))).toEqual(['異常なし']);
    expect(values(testResultRecognizer.recognize('迅速検査は陰性でした'))).toEqual(['陰性']);
  });
});
