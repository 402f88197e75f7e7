import { alertOf, perUserPatient, type Detector } from '../detector.js';
import { NONE, VIA } from '../event-table.js';

/** A9: first-ever access to a patient reached by searching the name, with no explanation. */
export const firstAccessNameSearch: Detector = {
  rule: 'unexplained_name_search',
  needs: [],
  run(input) {
    const { ctx, from, to } = input;
    const t = ctx.events;
    const keys = new Set<number>();
    const seen = new Set<number>();
    for (let u = 0; u < ctx.byUser.size; u++) {
      seen.clear();
      for (const i of ctx.byUser.of(u)) {
        const p = t.patient[i] ?? NONE;
        if (p === NONE || seen.has(p)) continue;
        seen.add(p);
        const at = t.at[i] ?? 0;
        if (t.via[i] === VIA.name_search && input.explanation[i] === 0 && at >= from && at < to) keys.add(ctx.pairKey(u, p));
      }
    }
    const evs = [...input.unexplained].filter((i) => keys.has(ctx.pairKey(t.user[i] ?? 0, t.patient[i] ?? 0)));
    return perUserPatient(ctx, evs, (u, p, list) => alertOf('unexplained_name_search', ctx, u, p, list, 40 + Math.min(30, list.length * 4), `初めて閲覧する患者を氏名検索で開き、業務上の理由が見当たらない（${list.length}回）`));
  },
};
