/** Generated, obviously fictional people for tests and demos (no real names). */
const FAMILY = ['架空', '仮名', '試験', '見本', '模擬', '例示', '想定', '練習'];
const GIVEN = ['一郎', '花子', '次郎', '桜', '三郎', '葵', '四郎', '楓', '五郎', '椿'];

export function fakePeopleCsv(n: number, options: { startId?: number; header?: boolean } = {}): string {
  const lines = options.header === false ? [] : ['氏名,フリガナ,生年月日,患者ID,郵便番号,住所,電話番号,項目'];
  for (let i = 0; i < n; i += 1) {
    const id = (options.startId ?? 1) + i;
    const name = `${FAMILY[id % FAMILY.length] ?? '架空'} ${GIVEN[Math.floor(id / FAMILY.length) % GIVEN.length] ?? '太郎'}${id}`;
    const birth = `19${String(40 + (id % 60)).padStart(2, '0')}-${String((id % 12) + 1).padStart(2, '0')}-${String((id % 28) + 1).padStart(2, '0')}`;
    lines.push(`${name},カクウ,${birth},P${String(id).padStart(6, '0')},100-0001,架空県見本市${id}丁目,000-0000-${String(id % 10000).padStart(4, '0')},氏名・住所・病名`);
  }
  return `${lines.join('\n')}\n`;
}
