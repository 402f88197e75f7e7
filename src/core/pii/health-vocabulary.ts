/**
 * A small, hand-written vocabulary of diseases, symptoms, tests and drugs that mark 要配慮個人情報
 * (病歴・診療情報). Written for Mamori (no third-party dictionary, so no licence constraint); the
 * plan is to extend it with MANBYO (CC BY) as data. Recall matters more than precision here: one
 * person's health information makes a breach reportable (規則7条1号).
 */
export const DIAGNOSIS_TERMS: readonly string[] = [
  'インフルエンザ', 'COVID-19', '新型コロナ', 'コロナウイルス感染症', '肺炎', '気管支炎', '喘息', '結核',
  '糖尿病', '高血圧', '脂質異常症', '高脂血症', '心筋梗塞', '狭心症', '心不全', '不整脈', '心房細動',
  '脳梗塞', '脳出血', 'くも膜下出血', '認知症', 'アルツハイマー', 'パーキンソン病', 'てんかん',
  'がん', '癌', '悪性腫瘍', '白血病', 'リンパ腫', '乳がん', '肺がん', '胃がん', '大腸がん', '肝臓がん',
  'うつ病', '統合失調症', '双極性障害', '適応障害', 'パニック障害', '発達障害', 'ADHD', '自閉症',
  'HIV', 'エイズ', 'B型肝炎', 'C型肝炎', '肝硬変', '梅毒', '性感染症', '妊娠', '流産', '不妊',
  '腎不全', '透析', '慢性腎臓病', '骨折', '関節リウマチ', '骨粗鬆症', 'アトピー性皮膚炎', '食物アレルギー',
  '麻疹', '風疹', '水痘', 'ノロウイルス', '胃腸炎', '虫垂炎', '白内障', '緑内障', '難病', '特定疾患',
];

export const TEST_TERMS: readonly string[] = [
  '陽性', '陰性', '抗原検査', 'PCR', '血液検査', '尿検査', '生化学', 'HbA1c', 'eGFR', 'クレアチニン',
  'CRP', 'WBC', '白血球', '赤血球', 'ヘモグロビン', '血糖', 'AST', 'ALT', 'γ-GTP', 'LDL', 'HDL', '中性脂肪',
  '腫瘍マーカー', 'CEA', 'PSA', '心電図', 'レントゲン', 'CT', 'MRI', 'エコー', '内視鏡', '生検', '病理',
];

/** Labels whose value is a test result ("検査結果：陽性"); the bare word 検査結果 names no result. */
export const TEST_LABELS: readonly string[] = ['検査結果', '検査値', '判定'];

export const HEALTH_LABELS: readonly string[] = ['病名', '傷病名', '診断', '既往歴', '主訴', '症状', '処方', '服薬', '紹介状', '退院サマリ', '病歴', '治療'];
