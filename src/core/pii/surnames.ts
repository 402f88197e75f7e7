/**
 * Name dictionaries: common surnames written for Mamori from general knowledge, united with IPADIC's
 * 10,883 kanji surnames and 15,515 given names (data/ipadic-names.data.ts, NAIST licence), plus
 * given names common since IPADIC was made (2007) that it lacks.
 */
import { IPADIC_GIVEN_KANA, IPADIC_GIVEN_NAMES, IPADIC_SURNAMES } from './data/ipadic-names.data.js';

export const COMMON_SURNAMES: ReadonlySet<string> = new Set(
  (
    '佐藤 鈴木 高橋 田中 伊藤 渡辺 渡邊 山本 中村 小林 加藤 吉田 山田 佐々木 山口 松本 井上 木村 林 斎藤 齋藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 斉藤 福田 太田 西村 藤井 金子 岡本 藤原 中野 三浦 原田 中川 松田 竹内 小野 田村 中山 和田 石田 森田 上田 原 内田 柴田 酒井 宮崎 横山 高木 安藤 宮本 大野 小島 谷口 今井 工藤 高田 増田 丸山 杉山 村田 大塚 新井 小山 平野 藤本 河野 上野 野口 武田 松井 千葉 岩崎 菅原 木下 久保 佐野 野村 松尾 市川 菊地 杉本 古川 大西 島田 水野 桜井 高野 渡部 吉川 山内 西田 飯田 菊池 西川 小松 北村 安田 五十嵐 川口 平田 関 中田 久保田 服部 東 岩田 土屋 川村 福島 本田 辻 樋口 秋山 田口 永井 山中 中西 吉村 川上 石原 大橋 松岡 馬場 浅野 荒木 大久保 野田 小沢 田辺 川崎 松下 小池 熊谷 須藤 大石 内藤 岩本 望月 平井 片山 堀 今村 吉岡 沢田 河合 小西 北川 村井 松浦 榎本 小泉 中尾 宮田 矢野 大島 堀内 尾崎 坂口 広瀬 岡崎 伊東 松村 小田 杉浦 星野 富田 野崎 宮下 大谷 桑原 西山 福井 竹中 荒井 小坂 徳永 松永 関口 篠原 吉野 森本 浜田 堀江 上原 大川 本間 牧野 竹田 西 黒田 稲葉 青山 早川 三宅 大竹 小原 成田 北野 栗原 藤川 岡 二宮 相馬 中井 寺田 大森 宇野 小澤 藤野 宮川 谷 前川 田代 八木 岡村 松原 黒木 足立 新田 奥村 飯島 椎名 根本 守屋 横田 石橋 長田 安部 西岡 古賀 江口 水谷 小倉 白石 永田 藤井 坂田 太田 梅田 米田 山根 岸 庄司 秋元 大和田 津田 国分 大原 岩井 竹下 澤田 島 柏木 東海林 佐久間 野中 片岡 石塚 菅野 大村 新谷 武藤 中原 今野 辻本 田島 三上 野沢 内山 高島 高山 長尾 河村 本多 松山 山岸 石黒 植田 平山 奥田 木内 谷川 宮原 菅 山川 金井 石坂 森下 加納 高松 吉本 川島 福本 水田 日高 柳田 矢島 稲垣 三好 関根 増井 久野 仲村 比嘉 金城 大城 宮城 新垣 玉城 上原 島袋 照屋 当山 知念 架空 仮名 試験 見本 模擬 例示'
  ).split(/\s+/),
);

export const SURNAMES: ReadonlySet<string> = new Set([...COMMON_SURNAMES, ...IPADIC_SURNAMES.split(' ')]);

const MODERN_GIVEN = '陽菜 結愛 結衣 陽葵 凛 紬 芽依 莉子 咲良 結菜 心春 杏 葵 澪 湊 蓮 大翔 陽翔 悠真 蒼 碧 樹 悠人 朝陽 律 颯 陽向 大和 結翔 瑛太 翔太 颯太 優斗 悠斗 琉生';

/**
 * IPADIC tags some ordinary words as given names too (結果, 健康 …); those never count as a given
 * name when nothing else says a name is there.
 */
const WORD_LIKE_GIVEN = new Set('結果 健康 真実 正義 大地 希望 自由 平和 安心 元気 勝利 成功 幸福 未来 大和 一番 大事 大切 正直 誠実 清潔 満足 理想 努力 友情 勇気 栄光 感謝 信用 明朗 和平 正常 安全 安定 円満 順調 優秀 十分 一致 一同 一般 一部 全部 大将 中央 中心 最後 最初'.split(' '));

export const GIVEN_NAMES: ReadonlySet<string> = new Set([...IPADIC_GIVEN_NAMES.split(' '), ...MODERN_GIVEN.split(' ')].filter((g) => !WORD_LIKE_GIVEN.has(g)));

/** Given names written in kana (さくら, あおい); at least two characters. */
export const GIVEN_KANA: ReadonlySet<string> = new Set([...IPADIC_GIVEN_KANA.split(' '), 'さくら', 'ひなた', 'ゆい', 'あかり', 'ひまり', 'めい', 'さな', 'ゆな']);

/** Longest surname that starts `s` (up to 4 characters), or ''. */
export function surnamePrefix(s: string): string {
  for (let n = Math.min(4, s.length); n >= 1; n -= 1) if (SURNAMES.has(s.slice(0, n))) return s.slice(0, n);
  return '';
}
