import { describe, expect, it } from 'vitest';
import { draftNotice, markUpdatedSections, noticeToText, type NoticeFacts } from './public-notice.js';

const base: NoticeFacts = {
  hospitalName: 'デモ総合病院',
  caseType: 'ransomware',
  caseTitle: 't',
  edition: 1,
  dateText: '令和8年11月22日',
  asOfText: '令和8年11月22日10時時点',
  summary: 'ナースコールシステムサーバー 3台',
  exposures: [{ population: 'patient', count: 10_000, countIsEstimate: true, items: ['patient_id', 'name', 'birth_date'], sensitive: false, financial: false, malicious: true, highEncryption: false }],
  annex: [{ when: '令和8年11月20日（金）01:30頃', text: '端末の障害を確認' }],
  hotline: null,
  authoritiesReported: ['個人情報保護委員会', '厚生労働省'],
  previous: null,
};

describe('第N報', () => {
  it('drafts the first edition with 記, sections and 別表', () => {
    const n = draftNotice(base);
    expect(n.title).toBe('ランサムウェアによる被害に関するご報告とお詫び（第1報）');
    const text = noticeToText(n);
    expect(text).toContain('①患者の情報 約10,000名\n　項目: 患者ID、氏名、生年月日');
    expect(text).toContain('なお、診療録（カルテ）の内容及びクレジットカード情報が漏洩したことは確認されておりません。');
    expect(text).toContain('別表　経緯\n令和8年11月20日（金）01:30頃　端末の障害を確認');
    expect(text).toContain('個人情報保護委員会、厚生労働省へ報告しております。');
    expect(markUpdatedSections(n.sections, null).changed).toEqual([]);
  });

  it('marks only changed sections 「（更新）」 in the next edition, keeping edited wording', () => {
    const first = draftNotice(base);
    const edited = first.sections.map((s) => (s.key === 'cause' ? { ...s, body: '医療機器保守用VPN装置の脆弱性を悪用されたものと考えられます。' } : s));
    const published1 = markUpdatedSections(edited, null).sections;
    const second = draftNotice({ ...base, edition: 2, previous: published1, exposures: [{ ...base.exposures[0]!, count: 130_000 }] });
    const { sections, changed } = markUpdatedSections(second.sections, published1);
    expect(changed).toEqual(['leaked']);
    expect(sections.find((s) => s.key === 'leaked')?.heading).toBe('漏洩した個人情報（更新）');
    expect(sections.find((s) => s.key === 'cause')?.body).toBe('医療機器保守用VPN装置の脆弱性を悪用されたものと考えられます。');
    expect(sections.find((s) => s.key === 'cause')?.heading).toBe('侵入経路及び原因');
    // A third edition with no changes marks nothing, and old markers do not stick.
    expect(markUpdatedSections(sections, sections).sections.every((s) => !s.heading.includes('（更新）'))).toBe(true);
  });
});
